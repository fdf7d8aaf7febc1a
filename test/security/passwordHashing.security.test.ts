import { randomUUID } from 'node:crypto';
import { DEMO_PARTNER_CLIENTS, DEMO_STAFF, demoCustomers } from '@cabinet/demo-data';
import { EXISTING_INSURER_CUSTOMER } from '@cabinet/esia-emulator/seed';
import { decodeJwt } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { graphqlFrom, partnerTokenFrom } from '../support/clientAddress.ts';
import { graphql } from '../support/graphqlClient.ts';
import { startTestSystem, type TestSystem } from '../support/testSystem.ts';

/** Enough wrong answers at once to keep every core hashing for a minute if each one cost a scrypt. */
const BURST = 200;
const ATTACKER = '127.0.0.1';
const PARTNER = '127.0.0.2';
const COLLEAGUE = '127.0.0.3';

const [partner] = DEMO_PARTNER_CLIENTS;
const [adjuster, analyst] = DEMO_STAFF;
const existing = demoCustomers().find((customer) => customer.inn === EXISTING_INSURER_CUSTOMER.inn)!;

const STAFF_SIGN_IN =
  'mutation ($l: String!, $p: String!) { staffSignIn(login: $l, password: $p) { accessToken } }';
const codeOf = (response: { errors?: { extensions?: Record<string, unknown> }[] }) =>
  response.errors?.[0]?.extensions?.['code'];

describe('secret checks under a burst of wrong answers, through the gateway', () => {
  let system: TestSystem;
  let tokenUrl: URL;

  beforeAll(async () => {
    system = await startTestSystem({
      // The gateway's own limits and identity's per-address window stay out of the way: what is under
      // test is what identity does with the attempts that reach it.
      env: { RATE_LIMITS: 'anonymous=100000,customer=100000,staff=100000,partner=100000,ip=100000' },
      identityEnv: { SIGN_IN_LIMIT_PER_IP: '100000' },
    });
    tokenUrl = new URL('/oauth/token', system.gatewayUrl);
  });
  afterAll(async () => {
    await system?.shutdown();
  });

  const customerMe = async () =>
    graphql<{ me: { id: string } }>(system.gatewayUrl, '{ me { id } }', {
      token: await system.token({
        kind: 'customer',
        customerId: existing.id,
        sessionId: randomUUID(),
        trusted: true,
      }),
    });

  it('answers wrong partner secrets with 401 or 429 at once, while the partner and customers are served', async () => {
    const burst = Array.from({ length: BURST }, (_, index) =>
      partnerTokenFrom(ATTACKER, tokenUrl, { clientId: partner!.clientId, clientSecret: `guess-${index}` }),
    );
    const genuine = partnerTokenFrom(PARTNER, tokenUrl, partner!);
    const me = customerMe();

    const answers = await Promise.all(burst);
    const statuses = answers.map((answer) => answer.status);
    expect(new Set(statuses)).toEqual(new Set([401, 429]));
    for (const refused of answers.filter((answer) => answer.status === 429)) {
      expect(Number(refused.headers['retry-after'])).toBeGreaterThan(0);
      expect(JSON.parse(refused.body)).toMatchObject({ error: 'temporarily_unavailable' });
    }

    const granted = await genuine;
    expect(granted.status).toBe(200);
    const token = (JSON.parse(granted.body) as { access_token: string }).access_token;
    expect(decodeJwt(token)).toMatchObject({ kind: 'partner', partnerId: partner!.partnerId });
    expect((await me).data?.me.id).toBe(existing.id);

    // The gateway did not give up on identity: the next calls to it go through.
    expect((await customerMe()).data?.me.id).toBe(existing.id);
    expect((await partnerTokenFrom(COLLEAGUE, tokenUrl, partner!)).status).toBe(200);
  });

  it('answers wrong staff passwords with INVALID_CREDENTIALS or TOO_MANY_ATTEMPTS, while a colleague signs in', async () => {
    const burst = Array.from({ length: BURST }, (_, index) =>
      graphqlFrom(ATTACKER, system.gatewayUrl, STAFF_SIGN_IN, {
        variables: { l: adjuster!.login, p: `guess-${index}` },
      }),
    );
    const colleague = graphqlFrom<{ staffSignIn: { accessToken: string } }>(
      COLLEAGUE,
      system.gatewayUrl,
      STAFF_SIGN_IN,
      { variables: { l: analyst!.login, p: analyst!.password } },
    );

    const answers = await Promise.all(burst);
    expect(new Set(answers.map(codeOf))).toEqual(new Set(['INVALID_CREDENTIALS', 'TOO_MANY_ATTEMPTS']));
    for (const refused of answers.filter((answer) => codeOf(answer) === 'TOO_MANY_ATTEMPTS')) {
      expect(refused.errors?.[0]?.extensions?.['retryAfterSeconds']).toBeGreaterThan(0);
      expect(refused.errors?.[0]?.message).toMatch(/Повторите/);
    }

    const signedIn = await colleague;
    expect(signedIn.errors).toBeUndefined();
    expect(decodeJwt(signedIn.data!.staffSignIn.accessToken)).toMatchObject({
      kind: 'staff',
      roles: analyst!.roles,
    });
    expect((await customerMe()).data?.me.id).toBe(existing.id);
  });
});
