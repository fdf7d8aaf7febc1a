import type { DatabaseSync } from 'node:sqlite';
import { openSqlite, type SqliteSynchronous } from '../../eventstore/sqlite/openSqlite.ts';
import type { Collection, CollectionOptions, CollectionSpec, DocumentStore } from '../port.ts';
import { validateSpec } from '../queryFields.ts';
import { promised } from '../../eventstore/sqlite/promised.ts';
import { SqliteCollection } from './sqliteCollection.ts';
import { DocumentWrites } from './documentWrites.ts';

export interface SqliteDocumentStoreOptions {
  /** One file per service. */
  readonly file: string;
  readonly synchronous?: SqliteSynchronous;
}

export class SqliteDocumentStore implements DocumentStore {
  private readonly db: DatabaseSync;
  private readonly writes: DocumentWrites;

  constructor(options: SqliteDocumentStoreOptions) {
    this.db = openSqlite(options.file, options.synchronous ?? 'FULL');
    this.writes = new DocumentWrites(this.db);
  }

  collection<T>(spec: CollectionSpec, options: CollectionOptions = {}): Promise<Collection<T>> {
    return promised(() => {
      validateSpec(spec);
      return new SqliteCollection<T>(this.db, spec, this.writes, options.fence ?? null);
    });
  }

  close(): Promise<void> {
    this.writes.flush();
    if (this.db.isOpen) this.db.close();
    return Promise.resolve();
  }
}
