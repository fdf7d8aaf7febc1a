import { DEMO_STAFF } from '@cabinet/demo-data';
import { ManualClock } from '@cabinet/esia-emulator/testing';
import { loadIdentityConfig, start } from '@cabinet/identity';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SEEDED_AT } from '../support/demoCast.ts';
import { graphql } from '../support/graphqlClient.ts';
import { startTestSystem, type TestSystem } from '../support/testSystem.ts';

const GRACE_SECONDS = 10;
const [adjuster] = DEMO_STAFF;

interface Pair {
  readonly sessionId: string;
  readonly accessToken: string;
  readonly refreshToken: string;
}

/** Identity runs inside the test on a clock the test moves; the gateway and the rest are their own processes. */
describe('a refresh retried after a lost answer, through the gateway', () => {
  const clock = new ManualClock(SEEDED_AT);
  let system: TestSystem;

  beforeAll(async () => {
    system = await startTestSystem({
      startIdentity: (env) =>
        start(
          loadIdentityConfig({
            ...env,
            LOG_LEVEL: 'silent',
            REFRESH_REUSE_GRACE_SECONDS: String(GRACE_SECONDS),
          }),
          { now: clock.now },
        ),
    });
  });
  afterAll(async () => {
    await system?.shutdown();
  });

  const refresh = (refreshToken: string) =>
    graphql<{ refreshSession: Pair }>(
      system.gatewayUrl,
      'mutation ($t: String!) { refreshSession(refreshToken: $t) { sessionId accessToken refreshToken } }',
      { variables: { t: refreshToken } },
    );
  const codeOf = (response: { errors?: { extensions?: Record<string, unknown> }[] }) =>
    response.errors?.[0]?.extensions?.['code'];

  async function signedIn(): Promise<Pair> {
    const response = await graphql<{ staffSignIn: Pair }>(
      system.gatewayUrl,
      'mutation ($l: String!, $p: String!) { staffSignIn(login: $l, password: $p) { sessionId accessToken refreshToken } }',
      { variables: { l: adjuster!.login, p: adjuster!.password } },
    );
    expect(response.errors).toBeUndefined();
    return response.data!.staffSignIn;
  }

  it('gives the retry the same pair within the grace, and ends the session when the old token comes back later', async () => {
    const first = await signedIn();
    const rotated = await refresh(first.refreshToken);
    expect(rotated.errors).toBeUndefined();

    // The client never saw that answer (its request timed out) and sends the same token again.
    clock.advance((GRACE_SECONDS - 1) * 1000);
    const retried = await refresh(first.refreshToken);
    expect(retried.errors).toBeUndefined();
    expect(retried.data?.refreshSession).toEqual(rotated.data?.refreshSession);
    const sessions = await graphql<{ mySessions: { id: string; active: boolean }[] }>(
      system.gatewayUrl,
      '{ mySessions { id active } }',
      { token: retried.data!.refreshSession.accessToken },
    );
    expect(sessions.data?.mySessions).toContainEqual({ id: first.sessionId, active: true });

    clock.advance(1000);
    expect(codeOf(await refresh(first.refreshToken))).toBe('REFRESH_TOKEN_REUSED');
    expect(codeOf(await refresh(rotated.data!.refreshSession.refreshToken))).toBe('SESSION_EXPIRED');
  });

  it('ends the session when the old token comes back after its successor was used, even within the grace', async () => {
    const first = await signedIn();
    const rotated = (await refresh(first.refreshToken)).data!.refreshSession;
    const next = await refresh(rotated.refreshToken);
    expect(next.errors).toBeUndefined();
    expect(codeOf(await refresh(first.refreshToken))).toBe('REFRESH_TOKEN_REUSED');
    expect(codeOf(await refresh(next.data!.refreshSession.refreshToken))).toBe('SESSION_EXPIRED');
  });
});
