import { MongoClient, type Db } from 'mongodb';
import type { Collection, CollectionSpec, DocumentStore } from '../port.ts';
import { validateSpec } from '../queryFields.ts';
import { MongoCollection } from './mongoCollection.ts';
import { dataPath, type StoredRecord } from './mongoQuery.ts';

export interface MongoDocumentStoreOptions {
  readonly url: string;
  readonly database: string;
}

export class MongoDocumentStore implements DocumentStore {
  private readonly client: MongoClient;
  private readonly db: Db;

  constructor(options: MongoDocumentStoreOptions) {
    this.client = new MongoClient(options.url);
    this.db = this.client.db(options.database);
  }

  /** Creating an index that already exists with the same definition is a no-op on the server. */
  async collection<T>(spec: CollectionSpec): Promise<Collection<T>> {
    validateSpec(spec);
    const records = this.db.collection<StoredRecord>(spec.name);
    for (const index of spec.indexes) {
      const unique = index.unique === true;
      await records.createIndex(Object.fromEntries(index.fields.map((field) => [dataPath(field), 1])), {
        unique,
        name: `${index.fields.join('_')}${unique ? '_unique' : ''}`,
      });
    }
    return new MongoCollection<T>(records, spec);
  }

  close(): Promise<void> {
    return this.client.close();
  }
}
