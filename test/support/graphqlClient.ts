import type { TypedDocumentNode } from '@graphql-typed-document-node/core';
import { print } from 'graphql';
import { createClient, type Client } from 'graphql-ws';
import WebSocket from 'ws';

export interface GraphQLResponse<T = Record<string, unknown>> {
  readonly status: number;
  readonly data?: T | null;
  readonly extensions?: Record<string, unknown>;
  readonly errors?: { message: string; path?: (string | number)[]; extensions?: Record<string, unknown> }[];
}

interface RequestOptions<V> {
  readonly variables?: V;
  readonly token?: string;
  readonly headers?: Record<string, string>;
}

/** A typed document's options: its variables are required when the operation has required ones. */
type TypedRequestOptions<V> =
  Record<string, never> extends V
    ? [options?: RequestOptions<V>]
    : [options: RequestOptions<V> & { variables: V }];

/**
 * One GraphQL request over HTTP, as a web client sends it (or, with its headers, the gateway). Given a
 * typed document of `@cabinet/client`, the variables and the result are typed by it.
 */
export async function graphql<T, V>(
  url: string,
  document: TypedDocumentNode<T, V>,
  ...options: TypedRequestOptions<V>
): Promise<GraphQLResponse<T>>;
export async function graphql<T = Record<string, unknown>>(
  url: string,
  query: string,
  options?: RequestOptions<Record<string, unknown>>,
): Promise<GraphQLResponse<T>>;
export async function graphql<T>(
  url: string,
  query: string | TypedDocumentNode<T>,
  options: RequestOptions<unknown> = {},
): Promise<GraphQLResponse<T>> {
  const response = await fetch(url, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      ...options.headers,
      ...(options.token ? { authorization: `Bearer ${options.token}` } : {}),
    },
    body: JSON.stringify({
      query: typeof query === 'string' ? query : print(query),
      variables: options.variables ?? {},
    }),
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

/** A subscription's payloads and errors as they arrive. */
export interface Collected<T> {
  readonly received: T[];
  readonly errors: unknown[];
  readonly completed: boolean;
  unsubscribe(): void;
  /** Waits until `count` payloads have arrived (or the subscription ended). */
  until(count: number, timeoutMs?: number): Promise<T[]>;
}

/**
 * Collects a subscription's payloads; `until(n)` waits until n have arrived. Given a typed document of
 * `@cabinet/client`, the payloads and the variables are typed by it.
 */
export function collect<T, V extends Record<string, unknown>>(
  client: Client,
  document: TypedDocumentNode<T, V>,
  variables: V,
): Collected<T>;
export function collect<T>(client: Client, query: string, variables?: Record<string, unknown>): Collected<T>;
export function collect<T>(
  client: Client,
  query: string | TypedDocumentNode<T>,
  variables: Record<string, unknown> = {},
): Collected<T> {
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
    { query: typeof query === 'string' ? query : print(query), variables },
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
