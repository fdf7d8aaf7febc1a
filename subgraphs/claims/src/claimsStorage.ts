import { join } from 'node:path';
import { openDocumentStore, type DocumentStore } from '@cabinet/platform/documents';
import { ACTIVITY_EVENT_TYPES } from '@cabinet/platform/activity';
import { openEventStore, type EventStore } from '@cabinet/platform/eventstore';
import { CUSTOMER_LIFECYCLE_EVENT_TYPES } from '@cabinet/platform/privacy';
import { CLAIM_EVENT_TYPES } from './claim/application/claimEventTypes.ts';
import type { ClaimsConfig } from './config.ts';

/**
 * Where claims keeps its events and documents: what every tool over its data opens, as the service does.
 * Its event store knows the types claims writes and reads, so each is upcast and checked on every read.
 */
export type ClaimsStorage = Pick<ClaimsConfig, 'DATA_DIR' | 'EVENTSTORE_URL' | 'MONGODB_URL'>;

/** The embedded profile's SQLite files, used where no server URL is set. */
export function embeddedClaimsFiles(storage: ClaimsStorage): { events: string; documents: string } {
  return {
    events: join(storage.DATA_DIR, 'events.sqlite'),
    documents: join(storage.DATA_DIR, 'claims', 'documents.sqlite'),
  };
}

export function openClaimsEvents(storage: ClaimsStorage): Promise<EventStore> {
  return openEventStore({
    url: storage.EVENTSTORE_URL,
    sqliteFile: embeddedClaimsFiles(storage).events,
    eventTypes: [...CLAIM_EVENT_TYPES, ...ACTIVITY_EVENT_TYPES, ...CUSTOMER_LIFECYCLE_EVENT_TYPES],
  });
}

export function openClaimsDocuments(storage: ClaimsStorage): Promise<DocumentStore> {
  return openDocumentStore({
    mongodbUrl: storage.MONGODB_URL,
    database: 'claims',
    sqliteFile: embeddedClaimsFiles(storage).documents,
  });
}
