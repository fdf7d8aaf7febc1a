import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RestartableService } from '../../scripts/system.ts';
import { claimsCast } from '../support/demoCast.ts';
import { submitClaim } from '../support/claimSubmission.ts';
import { eventually } from '../support/eventually.ts';
import { acceptConsent, signInAs } from '../support/gosuslugi.ts';
import { collect, graphql, wsClient } from '../support/graphqlClient.ts';
import { startTestSystem, type TestSystem } from '../support/testSystem.ts';
import { RESTART_MS } from '../support/timeouts.ts';

const { own } = claimsCast();
const WAIT_MS = 60_000;
/** One attempt at resuming: a subscription the restarted service does not serve yet is tried again. */
const RESUME_ATTEMPT_MS = 5_000;
/** Claims the driver submits: each submission is one status change (none → SUBMITTED) in the feed. */
const CHANGES_PER_RUN = 12;
/** The driver is this far into its changes when the process is killed. */
const KILLED_AFTER = 4;

interface StatusChange {
  cursor: string;
  claimId: string;
  status: string;
}

const ME = '{ me { id } }';
const SIGN_OUT = 'mutation { signOut { signedOut } }';
const FOLLOW = /* GraphQL */ `
  subscription ($after: String) {
    claimStatusChanged(after: $after) {
      cursor
      claimId
      status
    }
  }
`;

describe('claim status subscriptions across restarts of the claims service and the gateway', () => {
  let system: TestSystem;
  let customerToken: string;

  beforeAll(async () => {
    system = await startTestSystem();
    customerToken = await system.token({
      kind: 'customer',
      customerId: own.customer.id,
      sessionId: randomUUID(),
      trusted: true,
    });
  });

  afterAll(async () => {
    await system?.shutdown();
  });

  /**
   * Submits a claim and retries with the same idempotency key until the system answers: while a
   * service is down the answer may be lost, but the claim is made once.
   */
  async function submitUntilAccepted(
    gatewayUrl = system.gatewayUrl,
  ): Promise<{ id: string; cursor: string }> {
    const key = `restart-${randomUUID()}`;
    const answer = await eventually(() => submitClaim(gatewayUrl, customerToken, own.policy.id, { key }), {
      what: `the claim with idempotency key ${key} made`,
      until: (response) => Boolean(response.data?.submitClaim),
      timeoutMs: WAIT_MS,
    });
    return answer.data!.submitClaim;
  }

  function follow(after: string, gatewayUrl = system.gatewayUrl) {
    const client = wsClient(gatewayUrl, customerToken);
    return { client, changes: collect<{ claimStatusChanged: StatusChange }>(client, FOLLOW, { after }) };
  }

  /** Subscribes from `after` until the subscription delivers the first change (the service may still be starting). */
  async function resumeFrom(after: string, firstExpected: number) {
    return eventually(
      async () => {
        const attempt = follow(after);
        try {
          await attempt.changes.until(firstExpected, RESUME_ATTEMPT_MS);
          if (attempt.changes.errors.length === 0) return attempt;
        } catch {
          // not delivered yet: the service is still coming up
        }
        attempt.changes.unsubscribe();
        await attempt.client.dispose();
        return undefined;
      },
      { what: `a subscription resumed after ${after}`, timeoutMs: WAIT_MS, intervalMs: 200 },
    );
  }

  /**
   * Follows the feed from a fresh claim through `followedAt`, makes changes (through `submitVia` while
   * they are counted, then the system's own gateway), lets `die` take the followed path down midway, and
   * resumes on the system's gateway with the last cursor seen: every change arrives once, in order.
   */
  async function followAcrossAnOutage(options: {
    readonly followedAt: () => string;
    readonly submitVia: (index: number) => string;
    readonly die: () => Promise<void>;
  }) {
    const baseline = await submitUntilAccepted();
    const first = follow(baseline.cursor, options.followedAt());

    const made: { id: string; cursor: string }[] = [];
    for (let index = 0; index < KILLED_AFTER; index += 1)
      made.push(await submitUntilAccepted(options.submitVia(index)));
    await first.changes.until(KILLED_AFTER, WAIT_MS);

    // The driver keeps changing claims while the followed path dies (and, for a restart, comes back).
    const driver = (async () => {
      for (let index = KILLED_AFTER; index < CHANGES_PER_RUN; index += 1)
        made.push(await submitUntilAccepted());
    })();
    await options.die();
    const seenBeforeKill = first.changes.received.map((payload) => payload.claimStatusChanged);
    first.changes.unsubscribe();
    await first.client.dispose();

    const lastSeen = seenBeforeKill.at(-1)!.cursor;
    const resumed = await resumeFrom(lastSeen, 1);
    await driver;
    // A marker after the driver's last change: once it arrives, nothing else is on its way.
    const marker = await submitUntilAccepted();
    const missed = CHANGES_PER_RUN - seenBeforeKill.length;
    const afterResuming = (await resumed.changes.until(missed + 1, WAIT_MS)).map(
      (payload) => payload.claimStatusChanged,
    );
    expect(afterResuming.at(-1)?.claimId).toBe(marker.id);
    resumed.changes.unsubscribe();
    await resumed.client.dispose();

    const union = [...seenBeforeKill, ...afterResuming.slice(0, -1)];
    expect(union.map((change) => change.claimId)).toEqual(made.map((claim) => claim.id));
    expect(new Set(union.map((change) => change.cursor)).size).toBe(union.length);
    expect(union.every((change) => change.status === 'SUBMITTED')).toBe(true);
    expect(resumed.changes.errors).toEqual([]);
  }

  /** Every instance follows identity's ended sessions: a sign-out through the first gateway closes the second. */
  async function signingOutThroughOneGatewayEndsAccessThroughTheOther(otherGatewayUrl: string) {
    const signedIn = await signInAs(system, 'existingCustomer');
    const accessToken = await acceptConsent(system, signedIn.data!.completeGosuslugiSignIn.accessToken);
    const readsMe = () => graphql<{ me: { id: string } }>(otherGatewayUrl, ME, { token: accessToken });
    expect((await readsMe()).data?.me).toBeTruthy();
    const signedOut = await graphql(system.gatewayUrl, SIGN_OUT, { token: accessToken });
    expect(signedOut.errors).toBeUndefined();
    const refused = await eventually(readsMe, {
      what: 'the signed-out session refused by the other gateway',
      until: (response) => response.status === 401,
      timeoutMs: WAIT_MS,
    });
    expect(refused.errors?.[0]?.extensions?.['code']).toBe('UNAUTHENTICATED');
  }

  it.each<RestartableService>(['claims', 'gateway'])(
    'a subscriber that reconnects with its last cursor after %s is killed misses no change and sees none twice',
    // A restart, and the waits for the subscription before and after it.
    { timeout: RESTART_MS + 2 * WAIT_MS },
    async (restarted) => {
      await followAcrossAnOutage({
        followedAt: () => system.gatewayUrl,
        submitVia: () => system.gatewayUrl,
        async die() {
          system.services[restarted].kill('SIGKILL');
          await system.services[restarted].exited;
          await system.restart(restarted);
        },
      });
    },
  );

  it(
    'with two gateways and two claims instances on one data store, a subscriber whose gateway and claims instance die fails over to the other gateway with its cursor',
    // Two launches, and the waits for the subscription before and after the fail-over.
    { timeout: 2 * RESTART_MS + 2 * WAIT_MS },
    async () => {
      const secondClaims = await system.addInstance('claims');
      const secondGateway = await system.addInstance('gateway', { CLAIMS_URL: secondClaims.url });
      await signingOutThroughOneGatewayEndsAccessThroughTheOther(secondGateway.url);
      await followAcrossAnOutage({
        followedAt: () => secondGateway.url,
        // Changes made through either pair reach the subscriber of the second.
        submitVia: (index) => (index % 2 === 0 ? secondGateway.url : system.gatewayUrl),
        async die() {
          secondGateway.kill('SIGKILL');
          secondClaims.kill('SIGKILL');
          await Promise.all([secondGateway.exited, secondClaims.exited]);
        },
      });
    },
  );
});
