import { join } from 'node:path';
import { decodeJwt } from 'jose';
import { openEventStore } from '@cabinet/platform/eventstore';
import { DEMO_PARTNER_CLIENTS, demoCustomers, demoPolicyCast } from '@cabinet/demo-data';
import { ESIA_TEST_PERSONS, EXISTING_INSURER_CUSTOMER } from '@cabinet/esia-emulator/seed';
import { EsiaBrowser } from '@cabinet/esia-emulator/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SEEDED_AT } from '../support/demoCast.ts';
import { startEsiaProxy, type EsiaProxy } from '../support/esiaProxy.ts';
import {
  acceptConsent,
  beginSignIn,
  callbackOf,
  completeSignIn,
  passEsia,
  signInAs,
  type EsiaPersonKey,
} from '../support/gosuslugi.ts';
import { graphql } from '../support/graphqlClient.ts';
import { startTestSystem, type TestSystem } from '../support/testSystem.ts';

const existing = demoCustomers().find((customer) => customer.inn === EXISTING_INSURER_CUSTOMER.inn)!;
const codeOf = (response: { errors?: { extensions?: Record<string, unknown> }[] }) =>
  response.errors?.[0]?.extensions?.['code'];

describe('identity through the gateway, against the ESIA emulator', () => {
  let system: TestSystem;
  let proxy: EsiaProxy;

  beforeAll(async () => {
    system = await startTestSystem({
      esiaOriginFor: async (emulatorUrl) => {
        proxy = await startEsiaProxy(emulatorUrl);
        return proxy.url;
      },
    });
  });
  afterAll(async () => {
    await system?.shutdown();
    await proxy?.stop();
  });

  const signIn = (key: EsiaPersonKey) => signInAs(system, key, { esiaOrigin: proxy.url });
  async function signedIn(key: EsiaPersonKey) {
    const response = await signIn(key);
    expect(response.errors).toBeUndefined();
    const session = response.data!.completeGosuslugiSignIn;
    return { ...session, accessToken: await acceptConsent(system, session.accessToken) };
  }

  it('links the existing customer by SNILS, asks for consent, then `me` is that customer with their policies', async () => {
    const response = await signIn('existingCustomer');
    expect(response.errors).toBeUndefined();
    const session = response.data!.completeGosuslugiSignIn;
    expect(session).toMatchObject({ consentRequired: true, trusted: true });
    expect(codeOf(await graphql(system.gatewayUrl, '{ me { id } }', { token: session.accessToken }))).toBe(
      'CONSENT_REQUIRED',
    );

    const token = await acceptConsent(system, session.accessToken);
    const me = await graphql<{
      me: { id: string; fullName: string; phone: string; policies: { nodes: { id: string }[] } };
    }>(system.gatewayUrl, '{ me { id fullName phone policies(first: 10) { nodes { id } } } }', { token });
    expect(me.errors).toBeUndefined();
    expect(me.data?.me).toMatchObject({
      id: existing.id,
      fullName: 'Смирнова Ольга Викторовна',
      phone: '+79031234567',
    });
    const expected = Object.values(demoPolicyCast(demoCustomers(), SEEDED_AT)).filter(
      (p) => p.holderId === existing.id,
    );
    expect(me.data?.me.policies.nodes.map((p) => p.id).sort()).toEqual(expected.map((p) => p.id).sort());
  });

  it('creates a customer for a newcomer and keeps them on later sign-ins', async () => {
    const first = await signedIn('newcomer');
    const second = await signedIn('newcomer');
    const query =
      '{ myPersonalData { customerId snils inn esiaOid passport { series number } registrationAddress } }';
    const a = await graphql<{ myPersonalData: { customerId: string } }>(system.gatewayUrl, query, {
      token: first.accessToken,
    });
    const b = await graphql<{ myPersonalData: { customerId: string } }>(system.gatewayUrl, query, {
      token: second.accessToken,
    });
    expect(a.errors).toBeUndefined();
    expect(b.data?.myPersonalData).toEqual(a.data?.myPersonalData);
    expect(a.data?.myPersonalData).toMatchObject({
      snils: '157-342-968 90',
      inn: '502419876354',
      esiaOid: String(ESIA_TEST_PERSONS.newcomer.oid),
      passport: { series: '4612', number: '654321' },
    });
  });

  it('turns a refusal at the Gosuslugi consent screen into GOSUSLUGI_ACCESS_DENIED with ESIA-007004', async () => {
    const start = (await beginSignIn(system)).data!.beginGosuslugiSignIn;
    const landing = await passEsia(system, start.authorizationUrl, 'unconfirmed', {
      consent: 'deny',
      esiaOrigin: proxy.url,
    });
    expect(landing.searchParams.get('error')).toBe('access_denied');
    const response = await completeSignIn(system, { attemptId: start.attemptId, ...callbackOf(landing) });
    expect(response.errors?.[0]?.extensions).toMatchObject({
      code: 'GOSUSLUGI_ACCESS_DENIED',
      esiaCode: 'ESIA-007004',
    });
  });

  it('locks a Gosuslugi account after five wrong passwords', async () => {
    const start = (await beginSignIn(system)).data!.beginGosuslugiSignIn;
    const browser = new EsiaBrowser(proxy.url);
    const login = await browser.open(start.authorizationUrl);
    const person = ESIA_TEST_PERSONS.confirmed;
    for (let attempt = 0; attempt < 5; attempt += 1) {
      await browser.submit('/login', {
        attempt: login.attempt!,
        login: person.snils,
        password: 'wrong-password',
      });
    }
    const locked = await browser.submit('/login', {
      attempt: login.attempt!,
      login: person.snils,
      password: person.password,
    });
    expect(locked.html).not.toContain('action="/login/sms"');
    expect(locked.alert).toMatch(/заблокирован|15 минут/i);
  });

  it('refuses a replayed state: the attempt is single-use', async () => {
    const start = (await beginSignIn(system)).data!.beginGosuslugiSignIn;
    const landing = await passEsia(system, start.authorizationUrl, 'existingCustomer', {
      esiaOrigin: proxy.url,
    });
    const callback = { attemptId: start.attemptId, ...callbackOf(landing) };
    expect((await completeSignIn(system, callback)).errors).toBeUndefined();
    const replay = await completeSignIn(system, callback);
    expect(replay.errors?.[0]?.extensions).toMatchObject({
      code: 'GOSUSLUGI_SIGN_IN_EXPIRED',
      reason: 'used',
    });
  });

  it('refuses a state that belongs to another attempt', async () => {
    const mine = (await beginSignIn(system)).data!.beginGosuslugiSignIn;
    const other = (await beginSignIn(system)).data!.beginGosuslugiSignIn;
    const landing = await passEsia(system, other.authorizationUrl, 'existingCustomer', {
      esiaOrigin: proxy.url,
    });
    const response = await completeSignIn(system, { attemptId: mine.attemptId, ...callbackOf(landing) });
    expect(response.errors?.[0]?.extensions).toMatchObject({
      code: 'GOSUSLUGI_SIGN_IN_EXPIRED',
      reason: 'state_mismatch',
    });
  });

  it('refuses a redirect URI that is not on the allowlist', async () => {
    for (const uri of [
      'https://evil.example/auth/esia/callback',
      'http://localhost:3000/auth/esia/callback/../x',
    ]) {
      const response = await beginSignIn(system, uri);
      expect(codeOf(response)).toBe('REDIRECT_URI_NOT_ALLOWED');
    }
  });

  it('refuses an ESIA token altered on the way (another person put in its subject)', async () => {
    proxy.tamper = true;
    try {
      const response = await signIn('newcomer');
      expect(response.errors?.[0]?.extensions).toMatchObject({ code: 'GOSUSLUGI_TOKEN_INVALID' });
    } finally {
      proxy.tamper = false;
    }
  });

  it('rotates the refresh token on every use and ends the session when a rotated one comes back', async () => {
    const session = await signedIn('newcomer');
    const refresh = (refreshToken: string) =>
      graphql<{ refreshSession: { refreshToken: string; accessToken: string; sessionId: string } }>(
        system.gatewayUrl,
        'mutation ($t: String!) { refreshSession(refreshToken: $t) { sessionId accessToken refreshToken } }',
        { variables: { t: refreshToken } },
      );
    const next = await refresh(session.refreshToken);
    expect(next.errors).toBeUndefined();
    expect(next.data?.refreshSession.refreshToken).not.toBe(session.refreshToken);
    expect(next.data?.refreshSession.sessionId).toBe(session.sessionId);
    expect(decodeJwt(next.data!.refreshSession.accessToken)['consent']).toBeDefined();

    // Once the new pair has been used, the old token coming back is a copy, grace or not.
    const third = await refresh(next.data!.refreshSession.refreshToken);
    expect(third.errors).toBeUndefined();
    expect(codeOf(await refresh(session.refreshToken))).toBe('REFRESH_TOKEN_REUSED');
    // The legitimate holder's newer token died with the session.
    expect(codeOf(await refresh(third.data!.refreshSession.refreshToken))).toBe('SESSION_EXPIRED');
  });

  it('revokes another session of the same person and lists sessions', async () => {
    const laptop = await signedIn('newcomer');
    const phone = await signedIn('newcomer');
    const revoked = await graphql<{ revokeSession: { id: string; active: boolean } }>(
      system.gatewayUrl,
      'mutation ($id: UUID!) { revokeSession(id: $id) { id active } }',
      { token: laptop.accessToken, variables: { id: phone.sessionId } },
    );
    expect(revoked.data?.revokeSession).toEqual({ id: phone.sessionId, active: false });
    const refreshed = await graphql(
      system.gatewayUrl,
      'mutation ($t: String!) { refreshSession(refreshToken: $t) { sessionId } }',
      {
        variables: { t: phone.refreshToken },
      },
    );
    expect(codeOf(refreshed)).toBe('SESSION_EXPIRED');
    const listed = await graphql<{ mySessions: { id: string; current: boolean; active: boolean }[] }>(
      system.gatewayUrl,
      '{ mySessions { id current active } }',
      { token: laptop.accessToken },
    );
    expect(listed.data?.mySessions).toContainEqual({ id: laptop.sessionId, current: true, active: true });
    expect(listed.data?.mySessions).toContainEqual({ id: phone.sessionId, current: false, active: false });
  });

  it('signs out and returns the ESIA logout URL; the activity log shows the sign-ins and the sign-out', async () => {
    const session = await signedIn('existingCustomer');
    const signOut = await graphql<{ signOut: { esiaLogoutUrl: string } }>(
      system.gatewayUrl,
      'mutation { signOut { esiaLogoutUrl } }',
      {
        token: session.accessToken,
      },
    );
    expect(new URL(signOut.data!.signOut.esiaLogoutUrl).pathname).toBe('/idp/ext/Logout');

    const again = await signedIn('existingCustomer');
    const activity = await graphql<{
      myActivity: { nodes: { action: string; outcome: string }[]; totalCount: number };
    }>(system.gatewayUrl, '{ myActivity(first: 50) { totalCount nodes { action outcome } } }', {
      token: again.accessToken,
    });
    expect(activity.errors).toBeUndefined();
    const actions = activity.data!.myActivity.nodes.map((node) => `${node.action}:${node.outcome}`);
    expect(actions).toEqual(
      expect.arrayContaining(['SIGN_IN:SUCCESS', 'SIGN_OUT:SUCCESS', 'CONSENT_ACCEPTED:SUCCESS']),
    );
  });

  it('lets an unconfirmed account sign in but refuses it a claim with ACCOUNT_NOT_CONFIRMED and the steps', async () => {
    const session = await signedIn('unconfirmed');
    expect(session.trusted).toBe(false);
    const response = await graphql(
      system.gatewayUrl,
      /* GraphQL */ `
        mutation ($input: SubmitClaimInput!, $key: String!) {
          submitClaim(input: $input, idempotencyKey: $key) {
            id
          }
        }
      `,
      {
        token: session.accessToken,
        variables: {
          key: 'unconfirmed-1',
          input: {
            policyId: existing.id,
            incident: { occurredOn: '2026-01-10', kind: 'ДТП', place: 'Казань', description: 'Столкновение' },
            contact: { phone: '+79165550102' },
          },
        },
      },
    );
    expect(response.errors?.[0]?.extensions?.['code']).toBe('ACCOUNT_NOT_CONFIRMED');
    expect((response.errors?.[0]?.extensions?.['steps'] as string[]).length).toBeGreaterThan(0);
  });

  it('revoking consent ends every session at once and publishes the revocation', async () => {
    const one = await signedIn('newcomer');
    const two = await signedIn('newcomer');
    const mine = await graphql<{ myPersonalData: { customerId: string } }>(
      system.gatewayUrl,
      '{ myPersonalData { customerId } }',
      {
        token: one.accessToken,
      },
    );
    const customerId = mine.data!.myPersonalData.customerId;
    const revoked = await graphql<{ revokeConsent: { erasureDueBy: string; revokedAt: string } }>(
      system.gatewayUrl,
      'mutation { revokeConsent { revokedAt erasureDueBy esiaLogoutUrl } }',
      { token: one.accessToken },
    );
    expect(revoked.errors).toBeUndefined();
    const { revokedAt, erasureDueBy } = revoked.data!.revokeConsent;
    expect(new Date(erasureDueBy).getTime() - new Date(revokedAt).getTime()).toBe(30 * 24 * 60 * 60 * 1000);
    for (const session of [one, two]) {
      const refreshed = await graphql(
        system.gatewayUrl,
        'mutation ($t: String!) { refreshSession(refreshToken: $t) { sessionId } }',
        {
          variables: { t: session.refreshToken },
        },
      );
      expect(codeOf(refreshed)).toBe('SESSION_EXPIRED');
    }
    // Identity refuses the ended session at once; every service refuses its token too once it has
    // followed the end (sessionRevocation.security.test.ts), whichever answers first.
    expect(['SESSION_EXPIRED', 'UNAUTHENTICATED']).toContain(
      codeOf(await graphql(system.gatewayUrl, '{ mySessions { id } }', { token: two.accessToken })),
    );

    const events = await openEventStore({ sqliteFile: join(system.dataDir, 'events.sqlite') });
    const published = await events.read(`customer-${customerId}`);
    await events.close();
    expect(published.map((event) => ({ type: event.type, data: event.data }))).toEqual([
      {
        type: 'CustomerConsentRevoked',
        data: expect.objectContaining({ customerId, revokedAt, erasureDueBy }) as unknown,
      },
    ]);
  });

  it('gives partner apps a token for the right secret only', async () => {
    const tokenUrl = new URL('/oauth/token', system.services.identity.url);
    const [client] = DEMO_PARTNER_CLIENTS;
    const ask = (secret: string) =>
      fetch(tokenUrl, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams({
          grant_type: 'client_credentials',
          client_id: client!.clientId,
          client_secret: secret,
          scope: 'claims:status',
        }),
      });
    const wrong = await ask('not-the-secret');
    expect(wrong.status).toBe(401);
    expect(await wrong.json()).toMatchObject({ error: 'invalid_client' });

    const right = await ask(client!.clientSecret);
    const body = (await right.json()) as { access_token: string; scope: string; expires_in: number };
    expect(body).toMatchObject({ scope: 'claims:status', expires_in: 900 });
    expect(decodeJwt(body.access_token)).toMatchObject({ kind: 'partner', partnerId: client!.partnerId });
    for (const document of [
      '{ me { id } }',
      '{ mySessions { id } }',
      '{ myActivity(first: 5) { totalCount } }',
      'mutation { signOut { signedOut } }',
    ]) {
      expect(codeOf(await graphql(system.gatewayUrl, document, { token: body.access_token })), document).toBe(
        'FORBIDDEN',
      );
    }
  });

  it('signs staff in with their roles and makes an address wait after five wrong passwords', async () => {
    const staffSignIn = (login: string, password: string) =>
      graphql<{ staffSignIn: { accessToken: string } }>(
        system.gatewayUrl,
        'mutation ($l: String!, $p: String!) { staffSignIn(login: $l, password: $p) { accessToken } }',
        { variables: { l: login, p: password } },
      );
    const analyst = await staffSignIn('analyst', 'Analyst-2026');
    expect(decodeJwt(analyst.data!.staffSignIn.accessToken)).toMatchObject({
      kind: 'staff',
      roles: ['analyst'],
    });
    const supervisor = await staffSignIn('Supervisor', 'Supervisor-2026');
    const token = supervisor.data!.staffSignIn.accessToken;
    expect(decodeJwt(token)).toMatchObject({ kind: 'staff', roles: ['supervisor'] });
    const customer = await graphql<{ customer: { id: string } }>(
      system.gatewayUrl,
      'query ($id: UUID!) { customer(id: $id) { id } }',
      {
        token,
        variables: { id: existing.id },
      },
    );
    expect(customer.data?.customer.id).toBe(existing.id);
    expect(codeOf(await graphql(system.gatewayUrl, '{ me { id } }', { token }))).toBe('FORBIDDEN');

    for (let attempt = 0; attempt < 5; attempt += 1) {
      expect(codeOf(await staffSignIn('adjuster', 'wrong'))).toBe('INVALID_CREDENTIALS');
    }
    const locked = await staffSignIn('adjuster', 'Adjuster-2026');
    expect(locked.errors?.[0]?.extensions).toMatchObject({ code: 'TOO_MANY_ATTEMPTS' });
    expect(locked.errors?.[0]?.extensions?.['retryAfterSeconds']).toBeGreaterThan(0);
  });
});
