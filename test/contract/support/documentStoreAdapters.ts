import { randomUUID } from 'node:crypto';
import type { DocumentStore } from '@cabinet/platform/documents';
import { SqliteDocumentStore } from '@cabinet/platform/documents';
import { MongoClient } from 'mongodb';
import { MongoDocumentStore } from '@cabinet/platform/documents/mongodb';
import { tempDirectory } from './tempDirectory.ts';

export interface DocumentStoreAdapter {
  /** The suite title, saying why it is skipped when it cannot run here. */
  readonly title: string;
  readonly available: boolean;
  open(): Promise<DocumentStore>;
  /** Removes whatever the suite created. */
  cleanUp(): Promise<void>;
}

function sqliteAdapter(): DocumentStoreAdapter {
  const directory = tempDirectory('documents-contract');
  return {
    title: 'SQLite document store',
    available: true,
    open: () => Promise.resolve(new SqliteDocumentStore({ file: directory.file(`${randomUUID()}.db`) })),
    cleanUp: () => Promise.resolve(directory.remove()),
  };
}

/** Runs against a live server, e.g. `docker compose up mongodb` and `MONGODB_URL=mongodb://localhost:27017`. */
function mongoAdapter(url: string | undefined): DocumentStoreAdapter {
  const database = `contract_${randomUUID().replaceAll('-', '')}`;
  return {
    title:
      url === undefined
        ? 'MongoDB document store (skipped: MONGODB_URL is not set)'
        : 'MongoDB document store',
    available: url !== undefined,
    open: () => Promise.resolve(new MongoDocumentStore({ url: url ?? '', database })),
    cleanUp: async () => {
      if (url === undefined) return;
      const client = new MongoClient(url);
      try {
        await client.db(database).dropDatabase();
      } finally {
        await client.close();
      }
    },
  };
}

export function documentStoreAdapters(): DocumentStoreAdapter[] {
  return [sqliteAdapter(), mongoAdapter(process.env.MONGODB_URL || undefined)];
}

/** A fresh collection name per test keeps tests apart on a shared server. */
export function freshCollectionName(): string {
  return `c${randomUUID().replaceAll('-', '').slice(0, 16)}`;
}
