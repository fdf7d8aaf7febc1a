import { join } from 'node:path';
import { openDocumentStore, type DocumentStore } from '@cabinet/platform/documents';
import { openEventStore, type EventStore } from '@cabinet/platform/eventstore';
import type { CustomerKeyVault } from '@cabinet/platform/privacy';
import type { SupportConfig } from '../../config.ts';
import { sealConversationTexts } from '../application/sealedConversationTexts.ts';

/** Where support keeps its events and documents. */
export type SupportStorage = Pick<SupportConfig, 'DATA_DIR' | 'EVENTSTORE_URL' | 'MONGODB_URL'>;

/**
 * The embedded profile shares the one event log file; support's read models have their own file. The
 * conversations' texts are sealed with the customers' keys from `vault`, kept in support's documents.
 */
export async function openSupportEvents(
  storage: SupportStorage,
  vault: CustomerKeyVault,
): Promise<EventStore> {
  return sealConversationTexts(
    await openEventStore({
      url: storage.EVENTSTORE_URL,
      sqliteFile: join(storage.DATA_DIR, 'events.sqlite'),
    }),
    vault,
  );
}

export function openSupportDocuments(storage: SupportStorage): Promise<DocumentStore> {
  return openDocumentStore({
    mongodbUrl: storage.MONGODB_URL,
    database: 'support',
    sqliteFile: join(storage.DATA_DIR, 'support', 'documents.sqlite'),
  });
}
