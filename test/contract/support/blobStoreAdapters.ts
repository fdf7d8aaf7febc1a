import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import type { BlobStore } from '../../../platform/src/blobs/index.ts';
import { LocalBlobStore } from '../../../platform/src/blobs/index.ts';
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

export function blobStoreAdapters(): BlobStoreAdapter[] {
  return [localAdapter()];
}
