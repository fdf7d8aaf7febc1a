import type { DocumentStore } from './port.ts';
import { SqliteDocumentStore } from './sqlite/sqliteDocumentStore.ts';

export interface DocumentStoreConfig {
  /** Selects MongoDB (production) when set; otherwise SQLite is used. */
  readonly mongodbUrl?: string;
  /** The service's MongoDB database; required with `mongodbUrl`. */
  readonly database?: string;
  /** The embedded profile: one file per service. */
  readonly sqliteFile: string;
}

/** The MongoDB driver is loaded only when it is used. */
export async function openDocumentStore(config: DocumentStoreConfig): Promise<DocumentStore> {
  if (config.mongodbUrl !== undefined) {
    if (config.database === undefined) throw new Error('a MongoDB document store needs a database name');
    const { MongoDocumentStore } = await import('./mongodb/mongoDocumentStore.ts');
    return new MongoDocumentStore({ url: config.mongodbUrl, database: config.database });
  }
  return new SqliteDocumentStore({ file: config.sqliteFile });
}
