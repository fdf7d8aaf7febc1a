import type { EventStore } from './port.ts';
import type { SqliteSynchronous } from './sqlite/openSqlite.ts';
import { SqliteEventStore } from './sqlite/sqliteEventStore.ts';
import type { UpcasterRegistry } from './upcasting.ts';

export interface EventStoreConfig {
  /** The embedded profile's database file, shared by the services that run on one machine. */
  readonly sqliteFile: string;
  readonly synchronous?: SqliteSynchronous;
  readonly upcasters?: UpcasterRegistry;
}

export function openEventStore(config: EventStoreConfig): Promise<EventStore> {
  return Promise.resolve(
    new SqliteEventStore({
      file: config.sqliteFile,
      synchronous: config.synchronous,
      upcasters: config.upcasters,
    }),
  );
}
