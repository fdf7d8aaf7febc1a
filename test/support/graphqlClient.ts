import { createClient, type Client } from 'graphql-ws';
import WebSocket from 'ws';

export interface GraphQLResponse<T = Record<string, unknown>> {
  readonly status: number;
  readonly data?: T | null;
  readonly extensions?: Record<string, unknown>;
  readonly errors?: { message: string; path?: (string | number)[]; extensions?: Record<string, unknown> }[];
}

/** One GraphQL request over HTTP, as a web client sends it (or, with its headers, the gateway). */
export async function graphql<T = Record<string, unknown>>(
  url: string,
  query: string,
  options: { variables?: Record<string, unknown>; token?: string; headers?: Record<string, string> } = {},
): Promise<GraphQLResponse<T>> {
  const response = await fetch(url, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      ...options.headers,
      ...(options.token ? { authorization: `Bearer ${options.token}` } : {}),
    },
    body: JSON.stringify({ query, variables: options.variables ?? {} }),
  });
  const body = (await response.json()) as Omit<GraphQLResponse<T>, 'status'>;
  return { status: response.status, ...body };
}

/**
 * A graphql-ws client against the gateway, with the token in connectionParams as browsers must send it.
 * With `localAddress` (one of 127.0.0.0/8) the gateway sees the socket come from that address.
 */
export function wsClient(httpUrl: string, token?: string, options: { localAddress?: string } = {}): Client {
  const { localAddress } = options;
  const url = new URL(httpUrl.replace(/^http/, 'ws'));
  if (localAddress !== undefined) url.hostname = '127.0.0.1';
  return createClient({
    url: url.toString(),
    webSocketImpl:
      localAddress === undefined
        ? WebSocket
        : class extends WebSocket {
            constructor(address: string | URL, protocols?: string | string[]) {
              super(address, protocols, { localAddress });
            }
          },
    connectionParams: token ? { authorization: `Bearer ${token}` } : {},
    retryAttempts: 0,
    lazy: true,
  });
}

/** Collects a subscription's payloads; `next(n)` waits until n have arrived. */
export function collect<T>(client: Client, query: string, variables: Record<string, unknown> = {}) {
  const received: T[] = [];
  const errors: unknown[] = [];
  const waiters: { count: number; resolve: () => void }[] = [];
  let completed = false;
  const settle = () => {
    for (const waiter of waiters.filter((w) => received.length >= w.count || completed)) {
      waiters.splice(waiters.indexOf(waiter), 1);
      waiter.resolve();
    }
  };
  const unsubscribe = client.subscribe<T>(
    { query, variables },
    {
      next: (value) => {
        if (value.errors) errors.push(...value.errors);
        if (value.data) received.push(value.data);
        settle();
      },
      error: (error) => {
        errors.push(error);
        completed = true;
        settle();
      },
      complete: () => {
        completed = true;
        settle();
      },
    },
  );
  return {
    received,
    errors,
    unsubscribe,
    get completed() {
      return completed;
    },
    until(count: number, timeoutMs = 10_000): Promise<T[]> {
      return new Promise((resolve, reject) => {
        const timer = setTimeout(
          () =>
            reject(
              new Error(
                `expected ${count} payloads, got ${received.length}: ${JSON.stringify({ received, errors })}`,
              ),
            ),
          timeoutMs,
        );
        waiters.push({
          count,
          resolve: () => {
            clearTimeout(timer);
            resolve(received);
          },
        });
        settle();
      });
    },
  };
}
