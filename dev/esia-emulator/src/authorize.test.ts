import { generateKeyPairSync } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EsiaBrowser } from './testing/browser.ts';
import { authorizationUrl, certificateHash, type Overrides } from './testing/client.ts';
import { startTestEmulator, type TestEmulator } from './testing/harness.ts';

describe('ESIA emulator /aas/oauth2/v2/ac checks every parameter', () => {
  let test: TestEmulator;
  beforeAll(async () => {
    test = await startTestEmulator();
  });
  afterAll(async () => {
    await test.emulator.stop();
  });

  const open = (overrides: Overrides, extra = '') => {
    const url =
      authorizationUrl(test.emulator.url, test.client, { now: test.clock.now(), overrides }) + extra;
    return new EsiaBrowser(test.emulator.url).open(url);
  };

  it('starts the login page for a correct request', async () => {
    const page = await open({});
    expect(page.status).toBe(200);
    expect(page.html).toContain('action="/login"');
  });

  it.each([
    { why: 'an unknown client', overrides: { client_id: 'SOMEONE_ELSE' }, esia: 'ESIA-007002' },
    { why: 'no client_id', overrides: { client_id: undefined }, esia: 'ESIA-007014' },
    {
      why: 'an unregistered redirect_uri',
      overrides: { redirect_uri: 'https://evil.example/cb' },
      esia: 'ESIA-007023',
    },
    {
      why: 'a redirect_uri that only starts like the registered one',
      overrides: { redirect_uri: 'https://cabinet.example/auth/esia/callback/x' },
      esia: 'ESIA-007023',
    },
  ])('shows an error page, never a redirect, for $why', async ({ overrides, esia }) => {
    const page = await open(overrides);
    expect(page.status).toBe(400);
    expect(page.location).toBeUndefined();
    expect(page.alert).toMatch(new RegExp(`^${esia}:`));
  });

  it('refuses a repeated parameter', async () => {
    const page = await open({}, '&scope=openid');
    expect(page.status).toBe(400);
    expect(page.alert).toMatch(/^ESIA-007003:/);
  });

  it.each([
    {
      why: 'a missing client_secret',
      overrides: { client_secret: undefined },
      esia: 'ESIA-007014',
      error: 'invalid_request',
    },
    {
      why: 'a missing timestamp',
      overrides: { timestamp: undefined },
      esia: 'ESIA-007014',
      error: 'invalid_request',
    },
    {
      why: 'a response_type other than code',
      overrides: { response_type: 'token' },
      esia: 'ESIA-007012',
      error: 'unsupported_response_type',
    },
    {
      why: 'a state that is not a UUID',
      overrides: { state: 'abc' },
      esia: 'ESIA-007003',
      error: 'invalid_request',
    },
    {
      why: 'an unknown access_type',
      overrides: { access_type: 'forever' },
      esia: 'ESIA-007003',
      error: 'invalid_request',
    },
    {
      why: 'an unknown scope',
      overrides: { scope: 'openid passwords' },
      esia: 'ESIA-007006',
      error: 'invalid_scope',
    },
    { why: 'an empty scope', overrides: { scope: ' ' }, esia: 'ESIA-007013', error: 'invalid_scope' },
    {
      why: 'a malformed timestamp',
      overrides: { timestamp: '2026-03-02 09:00:00' },
      esia: 'ESIA-007015',
      error: 'invalid_request',
    },
    {
      why: 'a stale timestamp',
      overrides: { timestamp: '2026.03.02 08:50:00 +0000' },
      esia: 'ESIA-007015',
      error: 'invalid_request',
    },
    {
      why: 'a foreign certificate hash',
      overrides: { client_certificate_hash: 'ab'.repeat(32) },
      esia: 'ESIA-007002',
      error: 'unauthorized_client',
    },
    {
      why: 'a signature over other data',
      overrides: { client_secret: 'AAAA' },
      esia: 'ESIA-007053',
      error: 'invalid_client',
    },
    {
      why: 'a scope changed after signing',
      overrides: { scope: 'openid fullname' },
      esia: 'ESIA-007053',
      error: 'invalid_client',
    },
  ])('redirects $why back with $esia', async ({ overrides, esia, error }) => {
    const page = await open(overrides);
    expect(page.status).toBe(302);
    expect(page.location?.origin + page.location!.pathname).toBe(test.client.redirectUri);
    expect(page.location?.searchParams.get('error')).toBe(error);
    expect(page.location?.searchParams.get('error_description')).toMatch(new RegExp(`^${esia}:`));
  });

  it('refuses a correct message signed by a key other than the registered one', async () => {
    const otherKeyPem = generateKeyPairSync('ec', { namedCurve: 'P-256' })
      .privateKey.export({ type: 'pkcs8', format: 'pem' })
      .toString();
    const impostor = { ...test.client, privateKeyPem: otherKeyPem };
    const url = authorizationUrl(test.emulator.url, impostor, {
      now: test.clock.now(),
      overrides: { client_certificate_hash: certificateHash(test.client) },
    });

    const page = await new EsiaBrowser(test.emulator.url).open(url);

    expect(page.location?.searchParams.get('error_description')).toMatch(/^ESIA-007053:/);
  });

  it('echoes the state on a redirected error', async () => {
    const url = new URL(
      authorizationUrl(test.emulator.url, test.client, {
        now: test.clock.now(),
        state: '6f1c1c52-52a3-4f7e-9d58-2b6f0b2a9c11',
      }),
    );
    url.searchParams.set('client_secret', 'AAAA');
    const page = await new EsiaBrowser(test.emulator.url).open(url);
    expect(page.location?.searchParams.get('state')).toBe('6f1c1c52-52a3-4f7e-9d58-2b6f0b2a9c11');
  });
});
