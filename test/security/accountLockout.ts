import { DEMO_PARTNER_CLIENTS, DEMO_STAFF } from '@cabinet/demo-data';
import { decodeJwt } from 'jose';
import { beforeAll, describe, expect, it } from 'vitest';
import { graphqlFrom, partnerTokenFrom } from '../support/clientAddress.ts';
import type { TestSystem } from '../support/testSystem.ts';

/** Two clients on this machine: the gateway tells them apart by the address each connects from. */
const GUESSER = '127.0.0.4';
const OWNER = '127.0.0.5';

const [adjuster] = DEMO_STAFF;
const [, dealer] = DEMO_PARTNER_CLIENTS;
const STAFF_SIGN_IN =
  'mutation ($l: String!, $p: String!) { staffSignIn(login: $l, password: $p) { accessToken } }';

/** Runs on the system the suite file shares (oneSystem.security.test.ts). */
export function accountLockoutSuite(systemOf: () => TestSystem): void {
  describe('wrong answers slow down the address they come from, never lock the account', () => {
    let system: TestSystem;

    beforeAll(() => {
      system = systemOf();
    });

    const staffSignIn = (from: string, password: string, forwardedFor?: string) =>
      graphqlFrom<{ staffSignIn: { accessToken: string } }>(from, system.gatewayUrl, STAFF_SIGN_IN, {
        variables: { l: adjuster!.login, p: password },
        ...(forwardedFor ? { headers: { 'x-forwarded-for': forwardedFor } } : {}),
      });

    it('makes the guessing address wait after five wrong staff passwords, while the owner signs in elsewhere', async () => {
      for (let attempt = 0; attempt < 5; attempt += 1) {
        const wrong = await staffSignIn(GUESSER, `wrong-${attempt}`);
        expect(wrong.errors?.[0]?.extensions?.['code']).toBe('INVALID_CREDENTIALS');
      }
      const refused = await staffSignIn(GUESSER, adjuster!.password);
      expect(refused.errors?.[0]?.extensions).toMatchObject({ code: 'TOO_MANY_ATTEMPTS' });
      expect(refused.errors?.[0]?.extensions?.['retryAfterSeconds']).toBeGreaterThan(0);
      expect(refused.errors?.[0]?.message).toMatch(/Повторите через/);

      // A forged x-forwarded-for changes nothing: the gateway appends the address it saw, identity reads that.
      const forged = await staffSignIn(GUESSER, adjuster!.password, '198.51.100.77');
      expect(forged.errors?.[0]?.extensions?.['code']).toBe('TOO_MANY_ATTEMPTS');

      const owner = await staffSignIn(OWNER, adjuster!.password);
      expect(owner.errors).toBeUndefined();
      expect(decodeJwt(owner.data!.staffSignIn.accessToken)).toMatchObject({
        kind: 'staff',
        roles: adjuster!.roles,
      });
    });

    it('makes the guessing address wait after five wrong partner secrets, while the partner gets its token', async () => {
      const tokenUrl = new URL('/oauth/token', system.gatewayUrl);
      for (let attempt = 0; attempt < 5; attempt += 1) {
        const wrong = await partnerTokenFrom(GUESSER, tokenUrl, {
          clientId: dealer!.clientId,
          clientSecret: `wrong-${attempt}`,
        });
        expect(wrong.status).toBe(401);
      }
      const refused = await partnerTokenFrom(GUESSER, tokenUrl, dealer!);
      expect(refused.status).toBe(429);
      expect(Number(refused.headers['retry-after'])).toBeGreaterThan(0);

      const partner = await partnerTokenFrom(OWNER, tokenUrl, dealer!);
      expect(partner.status).toBe(200);
      expect(decodeJwt((JSON.parse(partner.body) as { access_token: string }).access_token)).toMatchObject({
        kind: 'partner',
        partnerId: dealer!.partnerId,
      });
    });
  });
}
