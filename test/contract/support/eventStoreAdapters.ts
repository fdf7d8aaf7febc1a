import { randomUUID } from 'node:crypto';
import type { EventStore, NewEvent } from '@cabinet/platform/eventstore';
import { SqliteEventStore } from '@cabinet/platform/eventstore';
import { EventStoreDbEventStore } from '@cabinet/platform/eventstore/eventstoredb';
import { tempDirectory } from './tempDirectory.ts';

export interface EventStoreAdapter {
  /** The suite title, saying why it is skipped when it cannot run here. */
  readonly title: string;
  readonly available: boolean;
  /**
   * What re-sending ids already in the stream at the stream's current revision does: outside the
   * port's idempotence guarantee (port.ts, NewEvent), so each adapter's own behaviour is pinned here.
   */
  readonly repeatedIdsAtCurrentRevision: 'conflict' | 'appended';
  open(): Promise<EventStore>;
  /** Removes whatever the suite created locally. */
  cleanUp(): void;
}

function sqliteAdapter(): EventStoreAdapter {
  const directory = tempDirectory('eventstore-contract');
  return {
    title: 'SQLite event store',
    available: true,
    repeatedIdsAtCurrentRevision: 'conflict',
    open: () => Promise.resolve(new SqliteEventStore({ file: directory.file(`${randomUUID()}.db`) })),
    cleanUp: () => directory.remove(),
  };
}

/** Runs against a live server, e.g. `docker compose up eventstore` and `EVENTSTORE_URL=esdb://localhost:2113?tls=false`. */
function eventStoreDbAdapter(url: string | undefined): EventStoreAdapter {
  return {
    title:
      url === undefined
        ? 'EventStoreDB event store (skipped: EVENTSTORE_URL is not set)'
        : 'EventStoreDB event store',
    available: url !== undefined,
    repeatedIdsAtCurrentRevision: 'appended',
    open: () => Promise.resolve(new EventStoreDbEventStore({ connectionString: url ?? '' })),
    cleanUp: () => undefined,
  };
}

export function eventStoreAdapters(): EventStoreAdapter[] {
  return [sqliteAdapter(), eventStoreDbAdapter(process.env.EVENTSTORE_URL || undefined)];
}

/**
 * A fresh category per test keeps tests apart on a shared server, where `$all` also holds other
 * tests' events.
 */
export function freshCategory(): string {
  return `t${randomUUID().replaceAll('-', '')}`;
}

export function newEvent(type: string, data: unknown = {}, schemaVersion = 1): NewEvent {
  return {
    id: randomUUID(),
    type,
    data,
    metadata: {
      schemaVersion,
      actor: 'system:contract-test',
      correlationId: randomUUID(),
      causationId: null,
    },
  };
}
