import { EventTypeRegistry, type EventTypeDefinition } from './eventTypes.ts';
import type { EventStore } from './port.ts';
import type { SqliteSynchronous } from './sqlite/openSqlite.ts';
import { SqliteEventStore } from './sqlite/sqliteEventStore.ts';
import { typedEventStore } from './typedEventStore.ts';

export interface EventStoreConfig {
  /** `esdb://…` or `esdb+discover://…` selects EventStoreDB (production); otherwise SQLite is used. */
  readonly url?: string;
  /** The embedded profile's database file, shared by the services that run on one machine. */
  readonly sqliteFile: string;
  readonly synchronous?: SqliteSynchronous;
  /** The event types the service reads and writes: checked on append, upcast and validated on every read. */
  readonly eventTypes?: readonly EventTypeDefinition[];
}

/** The EventStoreDB client is loaded only when it is used, so the embedded profile never pays for it. */
export async function openEventStore(config: EventStoreConfig): Promise<EventStore> {
  // Built first, so a broken upcaster chain stops start-up before any connection is opened.
  const types = config.eventTypes === undefined ? null : new EventTypeRegistry(config.eventTypes);
  const store = await openAdapter(config);
  return types === null ? store : typedEventStore(store, types);
}

async function openAdapter(config: EventStoreConfig): Promise<EventStore> {
  if (config.url !== undefined) {
    if (!/^esdb(\+discover)?:\/\//.test(config.url)) {
      throw new Error(`event store URL must start with esdb:// or esdb+discover://, got "${config.url}"`);
    }
    const { EventStoreDbEventStore } = await import('./eventstoredb/eventStoreDbEventStore.ts');
    return new EventStoreDbEventStore({ connectionString: config.url });
  }
  return new SqliteEventStore({ file: config.sqliteFile, synchronous: config.synchronous });
}
