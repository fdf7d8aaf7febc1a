import { MongoClient, type Db } from 'mongodb';
import type { Collection, CollectionOptions, CollectionSpec, DocumentStore } from '../port.ts';
import { validateSpec } from '../queryFields.ts';
import { MongoCollection } from './mongoCollection.ts';
import { syncIndexes } from './mongoIndexes.ts';
import type { StoredRecord } from './mongoQuery.ts';

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

  async collection<T>(spec: CollectionSpec, options: CollectionOptions = {}): Promise<Collection<T>> {
    validateSpec(spec);
    const records = this.db.collection<StoredRecord>(spec.name);
    await syncIndexes(records, spec);
    return new MongoCollection<T>(records, spec, options.fence);
  }

  close(): Promise<void> {
    return this.client.close();
  }
}
