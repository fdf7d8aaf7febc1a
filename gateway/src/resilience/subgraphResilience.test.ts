import { createLogger } from '@cabinet/platform/logging';
import type { GatewayPlugin } from '@graphql-hive/gateway-runtime';
import { GraphQLError, parse, type ExecutionResult } from 'graphql';
import { describe, expect, it } from 'vitest';
import { SubgraphBreakers, useSubgraphResilience, type SubgraphCallOutcome } from './subgraphResilience.ts';

type Payload = Parameters<NonNullable<GatewayPlugin['onSubgraphExecute']>>[0];
type Answer = ExecutionResult | 'hang';

const REFUSED: ExecutionResult = {
  errors: [new GraphQLError('fetch failed', { originalError: new Error('ECONNREFUSED') })],
};
const ANSWER: ExecutionResult = { data: { me: { id: '1' } } };
const NOT_FOUND: ExecutionResult = {
  data: null,
  errors: [new GraphQLError('Полис не найден', { extensions: { code: 'POLICY_NOT_FOUND' } })],
};

/** Runs one subgraph call through the plugin against a subgraph that gives `answers` in turn. */
function harness(settings: { failureThreshold?: number } = {}) {
  const breakers = new SubgraphBreakers(
    { failureThreshold: settings.failureThreshold ?? 10, openForMs: 60_000 },
    () => 0,
  );
  const ended: SubgraphCallOutcome[] = [];
  const plugin = useSubgraphResilience({
    breakers,
    log: createLogger('test', 'silent'),
    random: () => 0,
    policyFor: () => ({
      timeoutMs: 50,
      mutationTimeoutMs: 100,
      maxRetries: 2,
      backoff: { baseMs: 1, maxMs: 1 },
    }),
    onCallEnd: (_subgraph, outcome) => ended.push(outcome),
  });
  return {
    breakers,
    ended,
    call: async (document: string, answers: Answer[], clientSignal?: AbortSignal) => {
      let calls = 0;
      const signals: AbortSignal[] = [];
      const executor = (request: { signal?: AbortSignal }) => {
        if (request.signal) signals.push(request.signal);
        const answer = answers[Math.min(calls, answers.length - 1)] ?? ANSWER;
        calls += 1;
        return answer === 'hang' ? new Promise<ExecutionResult>(() => {}) : Promise.resolve(answer);
      };
      const executionRequest = { document: parse(document), context: {}, signal: clientSignal };
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

describe('useSubgraphResilience', () => {
  it.each([
    {
      given: 'a query that fails twice',
      document: '{ me { id } }',
      answers: [REFUSED, REFUSED, ANSWER],
      calls: 3,
      code: undefined,
    },
    {
      given: 'a query that never answers',
      document: '{ me { id } }',
      answers: ['hang' as const],
      calls: 3,
      code: 'SUBGRAPH_UNAVAILABLE',
    },
    {
      given: 'a mutation that fails',
      document: 'mutation { pay }',
      answers: [REFUSED, ANSWER],
      calls: 1,
      code: 'SUBGRAPH_UNAVAILABLE',
    },
    {
      given: 'a mutation that never answers',
      document: 'mutation { pay }',
      answers: ['hang' as const],
      calls: 1,
      code: 'SUBGRAPH_TIMEOUT',
    },
    {
      given: 'a query the subgraph refuses itself',
      document: '{ me { id } }',
      answers: [NOT_FOUND, ANSWER],
      calls: 1,
      code: 'POLICY_NOT_FOUND',
    },
  ])(
    'given $given, calls the subgraph $calls time(s) and answers $code',
    async ({ document, answers, calls, code }) => {
      const { call } = harness();
      const outcome = await call(document, answers);
      expect(outcome.calls).toBe(calls);
      expect(codeOf(outcome.result)).toBe(code);
    },
  );

  it('counts failed attempts into the circuit, then refuses without calling the subgraph', async () => {
    const { call, breakers, ended } = harness({ failureThreshold: 3 });
    await call('{ me { id } }', [REFUSED]);
    expect(breakers.for('policy').state).toBe('open');

    const refused = await call('{ me { id } }', [ANSWER]);
    expect(refused.calls).toBe(0);
    expect(refused.result?.errors?.[0]?.extensions).toEqual({
      code: 'SUBGRAPH_UNAVAILABLE',
      serviceName: 'policy',
    });
    expect(ended).toEqual(['failed', 'refused']);
  });

  it('counts a mutation that fails to connect into the circuit, but not one that is only slow', async () => {
    const { call, breakers } = harness({ failureThreshold: 1 });
    const slow = await call('mutation { signIn }', ['hang']);
    expect(slow.result?.errors?.[0]?.message).toContain('действие могло выполниться');
    expect(breakers.for('policy').state).toBe('closed');

    await call('mutation { signIn }', [REFUSED]);
    expect(breakers.for('policy').state).toBe('open');
  });

  it.each([
    { given: 'an attempt that is answered', answers: [ANSWER], attempts: 1 },
    { given: 'attempts that time out', answers: ['hang' as const], attempts: 3 },
    { given: 'attempts that fail', answers: [REFUSED], attempts: 3 },
  ])(
    'given $given, every attempt has its own signal, aborted once it ends',
    async ({ answers, attempts }) => {
      const { call } = harness();
      const client = new AbortController();
      const { signals } = await call('{ me { id } }', answers, client.signal);
      expect(new Set(signals).size).toBe(attempts);
      expect(signals.every((signal) => signal.aborted)).toBe(true);
      expect(client.signal.aborted).toBe(false);
    },
  );

  it('passes a client abort on to the attempt and stops retrying', async () => {
    const { call } = harness();
    const client = new AbortController();
    const pending = call('{ me { id } }', ['hang'], client.signal);
    client.abort(new Error('client went away'));
    const { signals, calls, result } = await pending;
    expect(calls).toBe(1);
    expect(signals[0]?.reason).toEqual(new Error('client went away'));
    expect(codeOf(result)).toBe('SUBGRAPH_UNAVAILABLE');
  });

  it('leaves subscriptions to their transport', async () => {
    const { call } = harness();
    expect((await call('subscription { claimStatusChanged { status } }', [ANSWER])).wrapped).toBe(false);
  });
});
