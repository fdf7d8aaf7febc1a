import { join } from 'node:path';
import { openDocumentStore, type DocumentStore } from '@cabinet/platform/documents';
import { openEventStore, type EventStore } from '@cabinet/platform/eventstore';
import type { CustomerKeyVault } from '@cabinet/platform/privacy';
import type { SupportConfig } from '../../config.ts';
import { STORED_CONVERSATION_EVENT_TYPES } from '../application/conversationEventTypes.ts';
import { sealConversationTexts } from '../application/sealedConversationTexts.ts';

/** Where support keeps its events and documents. */
export type SupportStorage = Pick<SupportConfig, 'DATA_DIR' | 'EVENTSTORE_URL' | 'MONGODB_URL'>;

/**
 * The embedded profile shares the one event log file; support's read models have their own file. The
 * conversations' texts are sealed with the customers' keys from `vault`, kept in support's documents;
 * what is stored, sealed, is checked against the conversation events' schemas on every write and read.
 */
export async function openSupportEvents(
  storage: SupportStorage,
  vault: CustomerKeyVault,
): Promise<EventStore> {
  return sealConversationTexts(
    await openEventStore({
      url: storage.EVENTSTORE_URL,
      sqliteFile: join(storage.DATA_DIR, 'events.sqlite'),
      eventTypes: STORED_CONVERSATION_EVENT_TYPES,
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

/**
 * What support can lose the last moments of to a power cut without harm, in a file of its own that
 * commits without waiting for the disk (each message writes these several times; the conversation log
 * and the customers' keys stay fully synced): the inboxes and the queue with the checkpoints of the
 * projections that keep them (rolled back together, in order, so they are replayed from the log), and
 * the per-minute message counts (which expire within the minute anyway).
 */
export function openSupportReadModelDocuments(storage: SupportStorage): Promise<DocumentStore> {
  return openDocumentStore({
    mongodbUrl: storage.MONGODB_URL,
    database: 'support',
    sqliteFile: join(storage.DATA_DIR, 'support', 'read-models.sqlite'),
    synchronous: 'NORMAL',
  });
}
