import type { DocumentStore } from './port.ts';
import type { SqliteSynchronous } from '../eventstore/sqlite/openSqlite.ts';
import { SqliteDocumentStore } from './sqlite/sqliteDocumentStore.ts';

export interface DocumentStoreConfig {
  /** Selects MongoDB (production) when set; otherwise SQLite is used. */
  readonly mongodbUrl?: string;
  /** The service's MongoDB database; required with `mongodbUrl`. */
  readonly database?: string;
  /** The embedded profile: one file per service. */
  readonly sqliteFile: string;
  /**
   * FULL (default): a write acknowledged survives a power cut. NORMAL: a power cut may roll back the
   * latest writes (never half of one), for documents that can be rebuilt or may be forgotten.
   */
  readonly synchronous?: SqliteSynchronous;
}

/** The MongoDB driver is loaded only when it is used. */
export async function openDocumentStore(config: DocumentStoreConfig): Promise<DocumentStore> {
  if (config.mongodbUrl !== undefined) {
    if (config.database === undefined) throw new Error('a MongoDB document store needs a database name');
    const { MongoDocumentStore } = await import('./mongodb/mongoDocumentStore.ts');
    return new MongoDocumentStore({ url: config.mongodbUrl, database: config.database });
  }
  return new SqliteDocumentStore({
    file: config.sqliteFile,
    ...(config.synchronous === undefined ? {} : { synchronous: config.synchronous }),
  });
}
