import { createClient, type Client } from 'graphql-ws';
import WebSocket from 'ws';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { claimsCast } from '../support/demoCast.ts';
import { submitClaim } from '../support/claimSubmission.ts';
import { eventually } from '../support/eventually.ts';
import { acceptConsent, signInAs, type EsiaPersonKey } from '../support/gosuslugi.ts';
import { graphql, type GraphQLResponse } from '../support/graphqlClient.ts';
import type { TestSystem } from '../support/testSystem.ts';

const { own, other } = claimsCast();

/** Above the 2 s the design allows, with room for a busy machine; never a measurement. */
const REFUSED_WITHIN_MS = 20_000;

const ME = '{ me { fullName phone email } }';
const CLAIM = 'query ($id: UUID!) { claim(id: $id) { id status } }';
const FOLLOW = 'subscription { claimStatusChanged { claimId status } }';
const REFRESH =
  'mutation ($t: String!) { refreshSession(refreshToken: $t) { sessionId accessToken refreshToken } }';

interface Session {
  readonly sessionId: string;
  readonly accessToken: string;
  readonly refreshToken: string;
}

const codeOf = (response: GraphQLResponse<unknown>) => response.errors?.[0]?.extensions?.['code'];

/**
 * Every path that ends a session (sign-out, revoking it from another device, a stolen refresh token
 * coming back, consent withdrawn) closes access within seconds: the session's access token no longer
 * reads `me` or a claim over HTTP, and the live subscriptions it opened (WebSocket and SSE) end. One system for all paths;
 * each test signs in its own session and files its own claim.
 *
 * Runs on the system oneSystem.access.e2e.test.ts (test/e2e) shares: its last test revokes
 * secondCustomer's consent.
 */
export function sessionRevocationSuite(systemOf: () => TestSystem): void {
  describe('an ended session loses its access everywhere (#12)', () => {
    endedSessions(systemOf);
  });
}

function endedSessions(systemOf: () => TestSystem): void {
  let system: TestSystem;
  const sockets: Client[] = [];
  const streams: AbortController[] = [];

  beforeAll(() => {
    system = systemOf();
  });
  afterEach(async () => {
    for (const client of sockets.splice(0)) await client.dispose();
    for (const stream of streams.splice(0)) stream.abort();
  });

  async function signedIn(key: EsiaPersonKey): Promise<Session> {
    const response = await signInAs(system, key);
    expect(response.errors).toBeUndefined();
    const session = response.data!.completeGosuslugiSignIn;
    return { ...session, accessToken: await acceptConsent(system, session.accessToken) };
  }

  async function claimFiledWith(session: Session, policyId: string): Promise<string> {
    const filed = await submitClaim(system.gatewayUrl, session.accessToken, policyId);
    expect(filed.errors).toBeUndefined();
    return filed.data!.submitClaim.id;
  }

  /** The session's subscription to its claims over the gateway's WebSocket, once the socket is accepted. */
  async function following(session: Session): Promise<{ readonly ended: () => string | undefined }> {
    let ended: string | undefined;
    let connected = false;
    const client = createClient({
      url: system.gatewayUrl.replace(/^http/, 'ws'),
      webSocketImpl: WebSocket,
      connectionParams: { authorization: `Bearer ${session.accessToken}` },
      retryAttempts: 0,
      on: { connected: () => (connected = true) },
    });
    sockets.push(client);
    client.subscribe(
      { query: FOLLOW },
      {
        next: () => {},
        error: (error) => {
          const code = (error as { code?: unknown }).code;
          ended = typeof code === 'number' ? `closed ${code}` : `error ${JSON.stringify(error)}`;
        },
        complete: () => (ended ??= 'completed'),
      },
    );
    await eventually(() => connected || ended, { what: 'the subscription socket accepted' });
    expect(ended).toBeUndefined();
    return { ended: () => ended };
  }

  /**
   * The same subscription over SSE (a JSON POST, so the CSRF guard lets it pass), once its stream is open:
   * it has ended when the gateway ends the stream.
   */
  async function followingOverSse(session: Session): Promise<{ readonly ended: () => string | undefined }> {
    const aborted = new AbortController();
    streams.push(aborted);
    const response = await fetch(system.gatewayUrl, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        accept: 'text/event-stream',
        authorization: `Bearer ${session.accessToken}`,
      },
      body: JSON.stringify({ query: FOLLOW }),
      signal: aborted.signal,
    });
    expect(response.status).toBe(200);
    let ended: string | undefined;
    const reader = response.body!.getReader();
    void (async () => {
      try {
        while (!(await reader.read()).done);
        ended = 'stream ended';
      } catch (error) {
        if (!aborted.signal.aborted) ended = `stream failed: ${String(error)}`;
      }
    })();
    return { ended: () => ended };
  }

  /** Before: the token reads `me` and the claim. */
  async function expectAccess(session: Session, claimId: string): Promise<void> {
    const me = await graphql(system.gatewayUrl, ME, { token: session.accessToken });
    expect(me.errors).toBeUndefined();
    const claim = await graphql(system.gatewayUrl, CLAIM, {
      token: session.accessToken,
      variables: { id: claimId },
    });
    expect(claim.errors).toBeUndefined();
  }

  /**
   * After: the gateway refuses `me` and the claim as unauthenticated (the subgraph behind it may refuse
   * them first, whichever followed the end sooner), and the subscriptions have ended.
   */
  async function expectNoAccess(
    session: Session,
    claimId: string,
    subscriptions: {
      readonly webSocket: { ended: () => string | undefined };
      readonly sse: { ended: () => string | undefined };
    },
  ): Promise<void> {
    // 401 is the gateway's own refusal: its cache of verified tokens no longer vouches for this one.
    const refused = (response: GraphQLResponse<unknown>) =>
      response.status === 401 && codeOf(response) === 'UNAUTHENTICATED';
    const me = await eventually(() => graphql(system.gatewayUrl, ME, { token: session.accessToken }), {
      what: "the ended session's `me` refused",
      until: refused,
      timeoutMs: REFUSED_WITHIN_MS,
    });
    expect(me.data ?? undefined).toBeUndefined();
    expect(me.errors?.[0]?.message).toBe('Сеанс завершён. Войдите в личный кабинет снова.');
    const claim = await eventually(
      () => graphql(system.gatewayUrl, CLAIM, { token: session.accessToken, variables: { id: claimId } }),
      { what: "the ended session's claim refused", until: refused, timeoutMs: REFUSED_WITHIN_MS },
    );
    expect(claim.data ?? undefined).toBeUndefined();
    // The gateway closes the socket (4401), or claims ends the operation first, as at a token's expiry.
    expect(['closed 4401', 'completed']).toContain(
      await eventually(subscriptions.webSocket.ended, {
        what: "the ended session's WebSocket subscription ended",
        timeoutMs: REFUSED_WITHIN_MS,
      }),
    );
    // Claims ends the operation, and the gateway the stream with it.
    expect(
      await eventually(subscriptions.sse.ended, {
        what: "the ended session's SSE subscription ended",
        timeoutMs: REFUSED_WITHIN_MS,
      }),
    ).toBe('stream ended');
  }

  it('keeps the feed of ended sessions to the services: identity asks for their proof, the gateway never routes it', async () => {
    const feed = new URL('/internal/ended-sessions', system.services.identity.url);
    expect((await fetch(feed)).status).toBe(403);
    expect((await fetch(feed, { headers: { 'x-internal-request': 'v1.gateway.0.forged' } })).status).toBe(
      403,
    );
    const proven = await fetch(feed, { headers: system.internalHeaders() });
    expect(proven.status).toBe(200);
    const page = (await proven.json()) as { sessionIds: unknown };
    expect(Array.isArray(page.sessionIds)).toBe(true);
    expect((await fetch(new URL('/internal/ended-sessions', system.gatewayUrl))).status).toBe(404);
  });

  it('signing out closes the signed-out token', async () => {
    const session = await signedIn('existingCustomer');
    const claimId = await claimFiledWith(session, own.policy.id);
    await expectAccess(session, claimId);
    const subscriptions = { webSocket: await following(session), sse: await followingOverSse(session) };

    const signedOut = await graphql(system.gatewayUrl, 'mutation { signOut { signedOut } }', {
      token: session.accessToken,
    });
    expect(signedOut.errors).toBeUndefined();

    await expectNoAccess(session, claimId, subscriptions);
  });

  it("revoking a session from another device closes that device's token, and only its", async () => {
    const laptop = await signedIn('existingCustomer');
    const phone = await signedIn('existingCustomer');
    const claimId = await claimFiledWith(phone, own.policy.id);
    await expectAccess(phone, claimId);
    const subscriptions = { webSocket: await following(phone), sse: await followingOverSse(phone) };

    const revoked = await graphql(
      system.gatewayUrl,
      'mutation ($id: UUID!) { revokeSession(id: $id) { id } }',
      {
        token: laptop.accessToken,
        variables: { id: phone.sessionId },
      },
    );
    expect(revoked.errors).toBeUndefined();

    await expectNoAccess(phone, claimId, subscriptions);
    await expectAccess(laptop, claimId);
  });

  it('a rotated refresh token coming back ends the session, and its access token with it', async () => {
    const session = await signedIn('existingCustomer');
    const claimId = await claimFiledWith(session, own.policy.id);
    await expectAccess(session, claimId);
    const subscriptions = { webSocket: await following(session), sse: await followingOverSse(session) };

    const refresh = (refreshToken: string) =>
      graphql<{ refreshSession: Session }>(system.gatewayUrl, REFRESH, { variables: { t: refreshToken } });
    const rotated = await refresh(session.refreshToken);
    expect(rotated.errors).toBeUndefined();
    expect((await refresh(rotated.data!.refreshSession.refreshToken)).errors).toBeUndefined();
    // The first token again, after the pair it bought was used: a copy, so the whole session ends.
    expect(codeOf(await refresh(session.refreshToken))).toBe('REFRESH_TOKEN_REUSED');

    await expectNoAccess(session, claimId, subscriptions);
  });

  it('withdrawing consent closes every token of the customer', async () => {
    const session = await signedIn('secondCustomer');
    const claimId = await claimFiledWith(session, other.policy.id);
    await expectAccess(session, claimId);
    const subscriptions = { webSocket: await following(session), sse: await followingOverSse(session) };

    const revoked = await graphql(system.gatewayUrl, 'mutation { revokeConsent { revokedAt } }', {
      token: session.accessToken,
    });
    expect(revoked.errors).toBeUndefined();

    await expectNoAccess(session, claimId, subscriptions);
  });
}
