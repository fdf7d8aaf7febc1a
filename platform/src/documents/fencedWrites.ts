import type { DocumentStore } from './port.ts';

/**
 * The same store, every collection opened through it writing under `token` (see CollectionOptions).
 * It does not own the store: closing it leaves the store open.
 */
export function fencedWrites(documents: DocumentStore, token: number): DocumentStore {
  return {
    collection: (spec) => documents.collection(spec, { fence: token }),
    close: () => Promise.resolve(),
  };
}
