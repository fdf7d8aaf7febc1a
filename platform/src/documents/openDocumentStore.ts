import type { DocumentStore } from './port.ts';
import { SqliteDocumentStore } from './sqlite/sqliteDocumentStore.ts';

export interface DocumentStoreConfig {
  /** The embedded profile: one file per service. */
  readonly sqliteFile: string;
}

export function openDocumentStore(config: DocumentStoreConfig): Promise<DocumentStore> {
  return Promise.resolve(new SqliteDocumentStore({ file: config.sqliteFile }));
}
