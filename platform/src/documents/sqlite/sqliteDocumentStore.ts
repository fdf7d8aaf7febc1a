import type { DatabaseSync } from 'node:sqlite';
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
  private readonly db: DatabaseSync;

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
    if (this.db.isOpen) this.db.close();
    return Promise.resolve();
  }
}
