import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import type { BlobStore } from '@cabinet/platform/blobs';
import { LocalBlobStore } from '@cabinet/platform/blobs';
import { randomUUID } from 'node:crypto';
import { MongoClient } from 'mongodb';
import { GridFsBlobStore } from '@cabinet/platform/blobs/gridfs';
import { tempDirectory } from './tempDirectory.ts';

export interface BlobStoreAdapter {
  /** The suite title, saying why it is skipped when it cannot run here. */
  readonly title: string;
  readonly available: boolean;
  /** A store with nothing in it. */
  open(): Promise<BlobStore>;
  /** How many stored objects (files, GridFS files or chunks) the last opened store holds. */
  storedObjects(): Promise<number>;
  cleanUp(): Promise<void>;
}

function filesUnder(directory: string): number {
  return readdirSync(directory, { withFileTypes: true, recursive: true }).filter((entry) => entry.isFile())
    .length;
}

function localAdapter(): BlobStoreAdapter {
  const root = tempDirectory('blobs-contract');
  let opened = 0;
  let current = '';
  return {
    title: 'local directory blob store',
    available: true,
    open: () => {
      opened += 1;
      current = join(root.path, String(opened));
      return Promise.resolve(new LocalBlobStore(current));
    },
    storedObjects: () => Promise.resolve(filesUnder(current)),
    cleanUp: () => Promise.resolve(root.remove()),
  };
}

/** Runs against a live server, e.g. `docker compose up mongodb` and `MONGODB_URL=mongodb://localhost:27017`. */
function gridFsAdapter(url: string | undefined): BlobStoreAdapter {
  const database = `contract_${randomUUID().replaceAll('-', '')}`;
  let bucketName = '';
  const client = url === undefined ? undefined : new MongoClient(url);
  return {
    title: url === undefined ? 'GridFS blob store (skipped: MONGODB_URL is not set)' : 'GridFS blob store',
    available: url !== undefined,
    open: () => {
      bucketName = `b${randomUUID().replaceAll('-', '').slice(0, 12)}`;
      return Promise.resolve(new GridFsBlobStore({ url: url ?? '', database, bucketName }));
    },
    storedObjects: async () => {
      const db = client?.db(database);
      if (db === undefined) return 0;
      const files = await db.collection(`${bucketName}.files`).countDocuments();
      return files + (await db.collection(`${bucketName}.chunks`).countDocuments());
    },
    cleanUp: async () => {
      if (client === undefined) return;
      await client.db(database).dropDatabase();
      await client.close();
    },
  };
}

export function blobStoreAdapters(): BlobStoreAdapter[] {
  return [localAdapter(), gridFsAdapter(process.env.MONGODB_URL || undefined)];
}
