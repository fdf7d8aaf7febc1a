import { AsyncLocalStorage } from 'node:async_hooks';
import type { SubgraphServerOptions } from '@cabinet/platform/graphql';

type App = Parameters<NonNullable<SubgraphServerOptions['routes']>>[0];

/** When each cached answer in the current response was read from the store. */
const staleReads = new AsyncLocalStorage<Date[]>();

/**
 * Notes that part of the current GraphQL response was answered from the cache, read from the
 * store at `staleSince`. Outside a request (nothing to tell) it does nothing.
 */
export function reportStale(staleSince: Date): void {
  staleReads.getStore()?.push(staleSince);
}

/**
 * Marks a response served partly from the cache with `extensions.stale = true` and
 * `extensions.staleSince` (the oldest read in it), the data left as it is: a response extension,
 * not an error, so clients that drop the data of a response with errors still show it.
 */
export function staleResponses(app: App): void {
  app.use('/graphql', (_req, res, next) => {
    const reads: Date[] = [];
    const send = res.send.bind(res);
    res.send = ((body?: unknown) => send(withStaleExtension(body, reads))) as typeof res.send;
    staleReads.run(reads, next);
  });
}

function withStaleExtension(body: unknown, reads: readonly Date[]): unknown {
  if (reads.length === 0 || typeof body !== 'string') return body;
  let response: { extensions?: Record<string, unknown> };
  try {
    response = JSON.parse(body) as { extensions?: Record<string, unknown> };
  } catch {
    return body;
  }
  const oldest = new Date(Math.min(...reads.map((read) => read.getTime())));
  return JSON.stringify({
    ...response,
    extensions: { ...response.extensions, stale: true, staleSince: oldest.toISOString() },
  });
}
