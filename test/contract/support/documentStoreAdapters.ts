import { randomUUID } from 'node:crypto';
import type { DocumentStore } from '../../../platform/src/documents/index.ts';
import { SqliteDocumentStore } from '../../../platform/src/documents/index.ts';
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

export function documentStoreAdapters(): DocumentStoreAdapter[] {
  return [sqliteAdapter()];
}

/** A fresh collection name per test keeps tests apart on a shared server. */
export function freshCollectionName(): string {
  return `c${randomUUID().replaceAll('-', '').slice(0, 16)}`;
}
