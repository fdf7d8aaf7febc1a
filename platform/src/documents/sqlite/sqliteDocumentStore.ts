import type { Database } from 'better-sqlite3';
import { openSqlite, type SqliteSynchronous } from '../../eventstore/sqlite/openSqlite.ts';
import type { Collection, CollectionSpec, DocumentStore } from '../port.ts';
import { validateSpec } from '../queryFields.ts';
import { promised } from '../../eventstore/sqlite/promised.ts';
import { SqliteCollection } from './sqliteCollection.ts';

export interface SqliteDocumentStoreOptions {
  /** One file per service. */
  readonly file: string;
  readonly synchronous?: SqliteSynchronous;
}

export class SqliteDocumentStore implements DocumentStore {
  private readonly db: Database;

  constructor(options: SqliteDocumentStoreOptions) {
    this.db = openSqlite(options.file, options.synchronous ?? 'FULL');
  }

  collection<T>(spec: CollectionSpec): Promise<Collection<T>> {
    return promised(() => {
      validateSpec(spec);
      return new SqliteCollection<T>(this.db, spec);
    });
  }

  close(): Promise<void> {
    this.db.close();
    return Promise.resolve();
  }
}
