import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createLogger } from '@cabinet/platform/logging';
import { createGatewayRuntime, type GatewayRuntime } from '@graphql-hive/gateway-runtime';
import { composeServices, compositionHasErrors } from '@theguild/federation-composition';
import { parse } from 'graphql';
import { afterEach, describe, expect, it } from 'vitest';
import { routerRuntimeHandler } from '../runtime/routerRuntime.ts';
import { SubgraphBreakers, useSubgraphCircuits } from './subgraphCircuits.ts';
import { upstreamPolicy } from './upstreamPolicy.ts';

/** How the subgraph meets each request, in turn; the last one repeats. */
type Behaviour = 'answers' | 'hangs' | 'fails with 502' | 'refuses with a GraphQL error';

const SUBGRAPH_SDL = /* GraphQL */ `
  extend schema @link(url: "https://specs.apollo.dev/federation/v2.3", import: ["@shareable"])
  type Query {
    ping: String
  }
  type Mutation {
    pay: String
  }
`;

const QUERY_TIMEOUT_MS = 150;
const MUTATION_TIMEOUT_MS = 300;
const RETRIES = 2;

/** A subgraph that behaves as told, counting what reaches it. */
async function subgraph(behaviours: Behaviour[]) {
  let received = 0;
  const server: Server = createServer((request, response) => {
    const behaviour = behaviours[Math.min(received, behaviours.length - 1)];
    received += 1;
    request.resume();
    request.on('end', () => {
      if (behaviour === 'hangs') return;
      if (behaviour === 'fails with 502') {
        response.writeHead(502, { 'content-type': 'text/plain' }).end('bad gateway');
        return;
      }
      const body =
        behaviour === 'answers'
          ? { data: { ping: 'pong', pay: 'paid' } }
          : {
              data: null,
              errors: [{ message: 'Полис не найден', extensions: { code: 'POLICY_NOT_FOUND' } }],
            };
      response.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(body));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/graphql`,
    received: () => received,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

/** A runtime with the gateway's timeouts, retries and circuits in front of one subgraph. */
async function gatewayBefore(behaviours: Behaviour[]) {
  const policy = await subgraph(behaviours);
  cleanups.push(policy.close);
  const composition = composeServices([{ name: 'policy', typeDefs: parse(SUBGRAPH_SDL), url: policy.url }]);
  if (compositionHasErrors(composition)) throw new Error(composition.errors.map((e) => e.message).join('; '));
  const breakers = new SubgraphBreakers({ failureThreshold: 1, openForMs: 60_000 }, () => 0);
  const runtime: GatewayRuntime = createGatewayRuntime({
    supergraph: composition.supergraphSdl,
    // As the gateway runs: Hive Router's planner and executor.
    unifiedGraphHandler: routerRuntimeHandler,
    logging: false,
    ...upstreamPolicy({
      timeoutMsFor: () => QUERY_TIMEOUT_MS,
      mutationTimeoutMs: MUTATION_TIMEOUT_MS,
      maxRetries: RETRIES,
      retryBaseMs: 1,
    }),
    plugins: () => [useSubgraphCircuits({ breakers, log: createLogger('test', 'silent') })],
  });
  cleanups.push(async () => {
    await runtime[Symbol.asyncDispose]();
  });
  const send = async (query: string) => {
    const response = await runtime.fetch('http://gateway/graphql', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query }),
    });
    return (await response.json()) as {
      data?: Record<string, unknown> | null;
      errors?: { message: string; extensions?: Record<string, unknown> }[];
    };
  };
  return { send, received: policy.received, circuit: () => breakers.for('policy').state };
}

describe('upstreamPolicy', () => {
  const timeoutOf = (document: string, subgraph: string) => {
    const { upstreamTimeout } = upstreamPolicy({
      timeoutMsFor: (name) => (name === 'claims' ? 5_000 : 1_000),
      mutationTimeoutMs: 3_000,
      maxRetries: RETRIES,
      retryBaseMs: 1,
    });
    const executionRequest = { document: parse(document) };
    return typeof upstreamTimeout === 'function'
      ? upstreamTimeout({ subgraphName: subgraph, executionRequest })
      : upstreamTimeout;
  };

  it.each([
    { operation: 'a query', document: '{ ping }', subgraph: 'policy', timeout: 1_000 },
    { operation: 'a mutation', document: 'mutation { pay }', subgraph: 'policy', timeout: 3_000 },
    { operation: 'a mutation', document: 'mutation { pay }', subgraph: 'claims', timeout: 5_000 },
    { operation: 'a subscription', document: 'subscription { s }', subgraph: 'claims', timeout: undefined },
  ])('gives $operation to $subgraph a timeout of $timeout ms', ({ document, subgraph, timeout }) => {
    expect(timeoutOf(document, subgraph)).toBe(timeout);
  });
});

describe('the runtime with the gateway’s upstream policy and circuits', () => {
  it('tries a query on a frozen subgraph once and twice more, then answers SUBGRAPH_UNAVAILABLE and opens its circuit', async () => {
    const gateway = await gatewayBefore(['hangs']);
    const answer = await gateway.send('{ ping }');
    expect(answer.errors?.map((error) => error.extensions)).toEqual([
      { code: 'SUBGRAPH_UNAVAILABLE', serviceName: 'policy' },
    ]);
    expect(gateway.received()).toBe(1 + RETRIES);
    expect(gateway.circuit()).toBe('open');

    await gateway.send('{ ping }');
    expect(gateway.received()).toBe(1 + RETRIES);
  });

  it('retries a query past a 5xx and returns the data', async () => {
    const gateway = await gatewayBefore(['fails with 502', 'answers']);
    expect(await gateway.send('{ ping }')).toEqual({ data: { ping: 'pong' } });
    expect(gateway.received()).toBe(2);
    expect(gateway.circuit()).toBe('closed');
  });

  it('passes the subgraph’s own refusal on, without retrying', async () => {
    const gateway = await gatewayBefore(['refuses with a GraphQL error', 'answers']);
    const answer = await gateway.send('{ ping }');
    expect(answer.errors?.[0]?.extensions?.['code']).toBe('POLICY_NOT_FOUND');
    expect(gateway.received()).toBe(1);
    expect(gateway.circuit()).toBe('closed');
  });

  it('tries a mutation once, waits its longer timeout and answers SUBGRAPH_TIMEOUT, leaving the circuit closed', async () => {
    const gateway = await gatewayBefore(['hangs']);
    const answer = await gateway.send('mutation { pay }');
    expect(answer.errors?.map((error) => error.extensions)).toEqual([
      { code: 'SUBGRAPH_TIMEOUT', serviceName: 'policy' },
    ]);
    expect(gateway.received()).toBe(1);
    expect(gateway.circuit()).toBe('closed');
  });

  it('does not retry a mutation that fails', async () => {
    const gateway = await gatewayBefore(['fails with 502', 'answers']);
    const answer = await gateway.send('mutation { pay }');
    expect(answer.errors?.[0]?.extensions?.['code']).toBe('SUBGRAPH_UNAVAILABLE');
    expect(gateway.received()).toBe(1);
  });
});
