import {
  appendToStream,
  createEventStoreSchema,
  readMessagesBatch,
  sqliteConnection,
  type SQLiteConnection,
} from '@event-driven-io/emmett-sqlite';
import { SqliteEventStore } from '@cabinet/platform/eventstore';
import type { BenchEvent } from './workload.ts';

export type Synchronous = 'FULL' | 'NORMAL';

/** One contender's store, tracking each stream's revision so every append checks concurrency. */
export interface BenchStore {
  append(stream: string, events: readonly BenchEvent[]): Promise<void>;
  /** Reads the whole log in pages of 1,000 and returns how many events it held. */
  readAll(): Promise<number>;
  close(): Promise<void>;
}

export interface Contender {
  readonly name: string;
  readonly subscriberKind: 'ours' | 'emmett';
  open(file: string, synchronous: Synchronous): Promise<BenchStore>;
}

export const ours: Contender = {
  name: 'ours (node:sqlite, group commit)',
  subscriberKind: 'ours',
  open: (file, synchronous) => {
    const store = new SqliteEventStore({ file, synchronous });
    const revisions = new Map<string, bigint>();
    return Promise.resolve({
      append: async (stream, events) => {
        const result = await store.append(
          stream,
          events.map((event) => ({
            ...event,
            metadata: { schemaVersion: 1, actor: 'system:bench', correlationId: event.id, causationId: null },
          })),
          { expectedRevision: revisions.get(stream) ?? 'no_stream' },
        );
        revisions.set(stream, result.nextRevision);
      },
      readAll: async () => {
        let count = 0;
        let after: string | undefined;
        for (;;) {
          const page = await store.readAll({ after, maxCount: 1000 });
          if (page.length === 0) return count;
          count += page.length;
          after = page.at(-1)?.position;
        }
      },
      close: () => store.close(),
    });
  },
};

/**
 * Emmett configured as favourably as its API allows: one persistent connection (its event store
 * facade opens and closes one per call), WAL as it sets itself, and `synchronous` set on that connection.
 */
export const emmett: Contender = {
  name: '@event-driven-io/emmett-sqlite 0.38.5',
  subscriberKind: 'emmett',
  open: async (file, synchronous) => {
    const connection: SQLiteConnection = sqliteConnection({ fileName: file });
    await connection.command(`PRAGMA synchronous = ${synchronous}`);
    await createEventStoreSchema(connection);
    const versions = new Map<string, bigint>();
    return {
      append: async (stream, events) => {
        const result = await appendToStream(
          connection,
          stream,
          'claim',
          events.map((event) => ({ type: event.type, data: { ...event.data, id: event.id } })),
          { expectedStreamVersion: versions.get(stream) ?? 0n },
        );
        if (!result.success) throw new Error(`emmett refused an append to ${stream}`);
        versions.set(stream, result.nextStreamPosition);
      },
      readAll: async () => {
        let count = 0;
        let after = 0n;
        for (;;) {
          const batch = await readMessagesBatch(connection, { after, batchSize: 1000 });
          count += batch.messages.length;
          if (batch.messages.length === 0 || !batch.areEventsLeft) return count;
          after = batch.currentGlobalPosition;
        }
      },
      close: () => Promise.resolve(connection.close()),
    };
  },
};
