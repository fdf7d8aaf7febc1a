export * from './port.ts';
export * from './openDocumentStore.ts';
export { SqliteDocumentStore, type SqliteDocumentStoreOptions } from './sqlite/sqliteDocumentStore.ts';
export * from './collectionScans.ts';
export { fencedWrites } from './fencedWrites.ts';
