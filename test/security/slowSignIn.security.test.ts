import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { metricsOf, sample } from '@cabinet/platform/testing';
import type { ServiceProcess } from '../../scripts/launcher.ts';
import { demoCast } from '../support/demoCast.ts';
import { eventually } from '../support/eventually.ts';
import { graphql } from '../support/graphqlClient.ts';
import { startTestSystem, type TestSystem } from '../support/testSystem.ts';

const { customer } = demoCast();
const QUERY_TIMEOUTS_BEFORE_ANSWER = 2;

const BEGIN_SIGN_IN = /* GraphQL */ `
  mutation ($redirectUri: String!) {
    beginGosuslugiSignIn(redirectUri: $redirectUri) {
      attemptId
    }
  }
`;

describe('a slow sign-in (#12)', () => {
  let system: TestSystem;
  let token: string;
  let identityFrozen = false;
  /** Identity runs as a process here (the suite does not ask for it in-process). */
  const identity = () => system.services.identity as ServiceProcess;

  beforeAll(async () => {
    system = await startTestSystem({
      env: {
        // Queries give up quickly here; a sign-in is a mutation and has its own, longer limit.
        SUBGRAPH_TIMEOUT_MS: '300',
        SUBGRAPH_RETRIES: '0',
        CIRCUIT_FAILURE_THRESHOLD: String(QUERY_TIMEOUTS_BEFORE_ANSWER + 1),
        CIRCUIT_OPEN_MS: '600000',
      },
    });
    token = await system.token({
      kind: 'customer',
      customerId: customer.id,
      sessionId: randomUUID(),
      trusted: true,
    });
  });
  afterAll(async () => {
    if (identityFrozen) identity().kill('SIGCONT');
    await system?.shutdown();
  });

  it('is answered once identity answers, and does not open identity’s circuit for everyone', async () => {
    const me = () => graphql(system.gatewayUrl, '{ me { fullName } }', { token });
    // A success resets the count of consecutive failures, so a slow first answer on a busy machine
    // does not bring the circuit nearer to opening.
    await eventually(async () => (await me()).errors, {
      what: 'identity answering me',
      until: (errors) => errors === undefined,
    });

    // SIGSTOP keeps identity's port open but the process silent: the sign-in waits for it.
    identity().kill('SIGSTOP');
    identityFrozen = true;
    const signIn = graphql(system.gatewayUrl, BEGIN_SIGN_IN, {
      variables: { redirectUri: system.redirectUris.web },
    });
    // Queries sent after the sign-in time out one after another: the sign-in has waited longer still.
    for (let timedOut = 0; timedOut < QUERY_TIMEOUTS_BEFORE_ANSWER; timedOut += 1) {
      const during = await me();
      expect(during.errors?.[0]?.extensions?.['code']).toBe('SUBGRAPH_UNAVAILABLE');
    }
    identity().kill('SIGCONT');
    identityFrozen = false;

    const answered = await signIn;
    expect(answered.errors).toBeUndefined();
    expect(answered.data).toEqual({ beginGosuslugiSignIn: { attemptId: expect.any(String) as unknown } });
    const metrics = await metricsOf(system.gatewayMetricsUrl);
    expect(sample(metrics, 'gateway_subgraph_circuit_state', { subgraph: 'identity' })).toBe(0);
    await eventually(async () => (await me()).errors, {
      what: 'identity answering me through its closed circuit',
      until: (errors) => errors === undefined,
    });
  });
});
