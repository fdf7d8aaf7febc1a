import { join } from 'node:path';
import { openDocumentStore, type DocumentStore } from '@cabinet/platform/documents';
import { openEventStore, type EventStore } from '@cabinet/platform/eventstore';
import type { ClaimsConfig } from './config.ts';

/** Where claims keeps its events and documents: what every tool over its data opens, as the service does. */
export type ClaimsStorage = Pick<ClaimsConfig, 'DATA_DIR' | 'EVENTSTORE_URL' | 'MONGODB_URL'>;

/** The embedded profile's SQLite files, used where no server URL is set. */
export function embeddedClaimsFiles(storage: ClaimsStorage): { events: string; documents: string } {
  return {
    events: join(storage.DATA_DIR, 'events.sqlite'),
    documents: join(storage.DATA_DIR, 'claims', 'documents.sqlite'),
  };
}

export function openClaimsEvents(storage: ClaimsStorage): Promise<EventStore> {
  return openEventStore({ url: storage.EVENTSTORE_URL, sqliteFile: embeddedClaimsFiles(storage).events });
}

export function openClaimsDocuments(storage: ClaimsStorage): Promise<DocumentStore> {
  return openDocumentStore({
    mongodbUrl: storage.MONGODB_URL,
    database: 'claims',
    sqliteFile: embeddedClaimsFiles(storage).documents,
  });
}
