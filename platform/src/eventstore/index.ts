export * from './port.ts';
export * from './eventCause.ts';
export * from './causingCommand.ts';
export * from './eventTypes.ts';
export * from './typedEventStore.ts';
export * from './openEventStore.ts';
export { SqliteEventStore, type SqliteEventStoreOptions } from './sqlite/sqliteEventStore.ts';
export * from './instrumentedEventStore.ts';
