import { createLogger } from '@cabinet/platform/logging';
import type { GatewayPlugin } from '@graphql-hive/gateway-runtime';
import { GraphQLError, parse, type ExecutionResult } from 'graphql';
import { describe, expect, it } from 'vitest';
import { SubgraphBreakers, useSubgraphCircuits, type SubgraphCallOutcome } from './subgraphCircuits.ts';

type Payload = Parameters<NonNullable<GatewayPlugin['onSubgraphExecute']>>[0];
/** What the runtime's executor (timeouts and retries inside) ends a call with. */
type Ending = ExecutionResult | 'times out';

const REFUSED: ExecutionResult = {
  errors: [new GraphQLError('fetch failed', { originalError: new Error('ECONNREFUSED') })],
};
const ANSWER: ExecutionResult = { data: { me: { id: '1' } } };
const NOT_FOUND: ExecutionResult = {
  data: null,
  errors: [new GraphQLError('Полис не найден', { extensions: { code: 'POLICY_NOT_FOUND' } })],
};
const RUNTIME_TIMEOUT = new GraphQLError('The operation was aborted due to timeout', {
  extensions: { code: 'GATEWAY_TIMEOUT', http: { status: 504 } },
});

/** Runs subgraph calls through the plugin against an executor that ends each call as told. */
function harness(failureThreshold = 10) {
  const breakers = new SubgraphBreakers({ failureThreshold, openForMs: 60_000 }, () => 0);
  const ended: SubgraphCallOutcome[] = [];
  const plugin = useSubgraphCircuits({
    breakers,
    log: createLogger('test', 'silent'),
    onCallEnd: (_subgraph, outcome) => ended.push(outcome),
  });
  return {
    breakers,
    ended,
    call: async (document: string, ending: Ending, signal?: AbortSignal) => {
      let calls = 0;
      const signals: AbortSignal[] = [];
      const executor = (request: { signal?: AbortSignal }) => {
        calls += 1;
        if (request.signal) signals.push(request.signal);
        return ending === 'times out' ? Promise.reject(RUNTIME_TIMEOUT) : Promise.resolve(ending);
      };
      const executionRequest = { document: parse(document), context: {}, signal };
      let wrapped: Payload['executor'] | undefined;
      await plugin.onSubgraphExecute?.({
        subgraphName: 'policy',
        executionRequest,
        executor,
        setExecutor: (next: Payload['executor']) => (wrapped = next),
      } as unknown as Payload);
      const result = wrapped ? ((await wrapped(executionRequest)) as ExecutionResult) : undefined;
      return { result, calls, signals, wrapped: wrapped !== undefined };
    },
  };
}

const codeOf = (result: ExecutionResult | undefined) => result?.errors?.[0]?.extensions['code'];

describe('useSubgraphCircuits', () => {
  it.each([
    {
      given: 'a query answered',
      document: '{ me { id } }',
      ending: ANSWER,
      code: undefined,
      state: 'closed',
    },
    {
      given: 'a query the subgraph refuses itself',
      document: '{ me { id } }',
      ending: NOT_FOUND,
      code: 'POLICY_NOT_FOUND',
      state: 'closed',
    },
    {
      given: 'a query that never connects',
      document: '{ me { id } }',
      ending: REFUSED,
      code: 'SUBGRAPH_UNAVAILABLE',
      state: 'open',
    },
    {
      given: 'a query that times out',
      document: '{ me { id } }',
      ending: 'times out' as const,
      code: 'SUBGRAPH_UNAVAILABLE',
      state: 'open',
    },
    {
      given: 'a mutation that never connects',
      document: 'mutation { pay }',
      ending: REFUSED,
      code: 'SUBGRAPH_UNAVAILABLE',
      state: 'open',
    },
    {
      given: 'a mutation that times out',
      document: 'mutation { pay }',
      ending: 'times out' as const,
      code: 'SUBGRAPH_TIMEOUT',
      state: 'closed',
    },
  ])(
    'given $given, answers $code and leaves the circuit $state',
    async ({ document, ending, code, state }) => {
      const { call, breakers } = harness(1);
      const { result } = await call(document, ending);
      expect(codeOf(result)).toBe(code);
      if (code?.startsWith('SUBGRAPH_'))
        expect(result?.errors?.[0]?.extensions['serviceName']).toBe('policy');
      expect(breakers.for('policy').state).toBe(state);
    },
  );

  it('tells a mutation that timed out it may have been done', async () => {
    const { call } = harness();
    const { result } = await call('mutation { signIn }', 'times out');
    expect(result?.errors?.[0]?.message).toContain('действие могло выполниться');
  });

  it('opens after the threshold of failed calls, then refuses without calling the subgraph', async () => {
    const { call, breakers, ended } = harness(2);
    await call('{ me { id } }', REFUSED);
    expect(breakers.for('policy').state).toBe('closed');
    await call('{ me { id } }', 'times out');
    expect(breakers.for('policy').state).toBe('open');

    const refused = await call('{ me { id } }', ANSWER);
    expect(refused.calls).toBe(0);
    expect(refused.result?.errors?.[0]?.extensions).toEqual({
      code: 'SUBGRAPH_UNAVAILABLE',
      serviceName: 'policy',
    });
    expect(ended).toEqual(['failed', 'failed', 'refused']);
  });

  it('counts nothing against the subgraph when the client went away', async () => {
    const { call, breakers } = harness(1);
    const client = new AbortController();
    client.abort(new Error('client went away'));
    const { result } = await call('{ me { id } }', REFUSED, client.signal);
    expect(codeOf(result)).toBe('SUBGRAPH_UNAVAILABLE');
    expect(breakers.for('policy').state).toBe('closed');
  });

  it.each([
    { ending: ANSWER, given: 'answered' },
    { ending: REFUSED, given: 'failed' },
    { ending: 'times out' as const, given: 'timed out' },
  ])('gives the call a signal of its own, aborted once it has $given', async ({ ending }) => {
    const { call } = harness();
    const client = new AbortController();
    const { signals } = await call('{ me { id } }', ending, client.signal);
    expect(signals).toHaveLength(1);
    expect(signals[0]).not.toBe(client.signal);
    expect(signals[0]?.aborted).toBe(true);
    expect(client.signal.aborted).toBe(false);
  });

  it('passes a client abort on to the call', async () => {
    const { call } = harness();
    const client = new AbortController();
    const reason = new Error('client went away');
    const pending = call('{ me { id } }', ANSWER, client.signal);
    client.abort(reason);
    expect((await pending).signals[0]?.reason).toBe(reason);
  });

  it('leaves subscriptions to their transport', async () => {
    const { call } = harness();
    expect((await call('subscription { claimStatusChanged { status } }', ANSWER)).wrapped).toBe(false);
  });
});
