export * from './port.ts';
export * from './eventCause.ts';
export * from './upcasting.ts';
export * from './openEventStore.ts';
export { SqliteEventStore, type SqliteEventStoreOptions } from './sqlite/sqliteEventStore.ts';
export * from './instrumentedEventStore.ts';
