/**
 * Runs synchronous SQLite work behind an asynchronous port: a thrown error becomes a rejected
 * promise, as callers of a port expect, instead of escaping synchronously.
 */
export function promised<R>(work: () => R): Promise<R> {
  return new Promise((resolve) => resolve(work()));
}
