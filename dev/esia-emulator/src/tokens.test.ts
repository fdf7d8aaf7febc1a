import { randomUUID } from 'node:crypto';
import { createLocalJWKSet, decodeProtectedHeader, jwtVerify } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ESIA_TEST_PERSONS } from './seed.ts';
import { signInThroughEsia } from './testing/browser.ts';
import { authorizationUrl, postTokenForm, tokenForm, type RequestOptions } from './testing/client.ts';
import { startTestEmulator, type TestEmulator } from './testing/harness.ts';
import { ESIA_ISSUER } from './tokenKeys.ts';

describe('ESIA emulator /aas/oauth2/v3/te and /rs/prns', () => {
  let test: TestEmulator;
  beforeAll(async () => {
    test = await startTestEmulator();
  });
  afterAll(async () => {
    await test.emulator.stop();
  });

  const person = ESIA_TEST_PERSONS.existingCustomer;
  async function authorizationCode(options: Partial<RequestOptions> = {}): Promise<string> {
    const callback = await signInThroughEsia(
      test.emulator.url,
      authorizationUrl(test.emulator.url, test.client, { now: test.clock.now(), ...options }),
      {
        login: person.snils,
        password: person.password,
        smsCode: () => test.emulator.latestSmsCode(person.oid),
        consent: 'allow',
      },
    );
    return callback.searchParams.get('code')!;
  }
  const exchange = (code: string, options: Partial<RequestOptions> = {}) =>
    postTokenForm(test.emulator.url, tokenForm(test.client, { code }, { now: test.clock.now(), ...options }));

  it('exchanges a code for ESIA-shaped tokens signed with the published key', async () => {
    const state = randomUUID();
    const { status, body } = await exchange(await authorizationCode(), { state });

    expect(status).toBe(200);
    expect(body).toMatchObject({ state, token_type: 'Bearer', expires_in: 3600 });
    expect(body['refresh_token']).toMatch(/^[0-9a-f-]{36}$/);
    const jwks = (await (await fetch(test.emulator.jwksUrl)).json()) as Parameters<
      typeof createLocalJWKSet
    >[0];
    const access = await jwtVerify(String(body['access_token']), createLocalJWKSet(jwks), {
      issuer: ESIA_ISSUER,
      currentDate: test.clock.now(),
    });
    expect(access.payload).toMatchObject({
      iss: 'http://esia.gosuslugi.ru/',
      'urn:esia:sbj_id': person.oid,
      client_id: test.client.clientId,
    });
    expect(access.payload.aud).toBeUndefined();
    expect(access.payload.exp! - access.payload.iat!).toBe(3600);
    expect(access.payload['scope']).toContain(`fullname?oid=${person.oid}`);
    expect(decodeProtectedHeader(String(body['access_token']))).toMatchObject({
      alg: 'RS256',
      sbt: 'access',
    });
    const id = await jwtVerify(String(body['id_token']), createLocalJWKSet(jwks), {
      currentDate: test.clock.now(),
    });
    expect(id.payload).toMatchObject({ aud: test.client.clientId, sub: String(person.oid), amr: 'PWD' });
  });

  it('gives no refresh token to an online request', async () => {
    const { body } = await exchange(await authorizationCode({ accessType: 'online' }));
    expect(body['refresh_token']).toBeUndefined();
  });

  it.each([
    { why: 'a second use of the code', esia: 'ESIA-007011', error: 'invalid_grant', prepare: 'reuse' },
    { why: 'an expired code', esia: 'ESIA-007011', error: 'invalid_grant', prepare: 'expire' },
    { why: 'an unknown code', esia: 'ESIA-007011', error: 'invalid_grant', prepare: 'unknown' },
  ] as const)('refuses $why with $esia', async ({ esia, error, prepare }) => {
    let code = await authorizationCode();
    if (prepare === 'reuse') await exchange(code);
    if (prepare === 'expire') test.clock.advance(5 * 60_000);
    if (prepare === 'unknown') code = randomUUID();

    const { status, body } = await exchange(code);

    expect(status).toBe(400);
    expect(body['error']).toBe(error);
    expect(String(body['error_description'])).toMatch(new RegExp(`^${esia}:`));
  });

  it.each([
    {
      why: 'a code signed without the code',
      overrides: { client_secret: 'AAAA' },
      esia: 'ESIA-007053',
      error: 'invalid_client',
    },
    {
      why: 'a missing token_type',
      overrides: { token_type: undefined },
      esia: 'ESIA-007014',
      error: 'invalid_request',
    },
    {
      why: 'an unknown grant',
      overrides: { grant_type: 'password' },
      esia: 'ESIA-007009',
      error: 'unsupported_grant_type',
    },
    {
      why: 'an unknown client',
      overrides: { client_id: 'NOBODY' },
      esia: 'ESIA-008010',
      error: 'invalid_client',
    },
    {
      why: 'a foreign certificate',
      overrides: { client_certificate_hash: '00'.repeat(32) },
      esia: 'ESIA-007002',
      error: 'unauthorized_client',
    },
    {
      why: 'a stale timestamp',
      overrides: { timestamp: '2020.01.01 00:00:00 +0000' },
      esia: 'ESIA-007015',
      error: 'invalid_request',
    },
  ])('refuses $why with $esia and keeps the code usable', async ({ overrides, esia, error }) => {
    const code = await authorizationCode();

    const refused = await exchange(code, { overrides });
    const retried = await exchange(code);

    expect(refused.status).toBe(400);
    expect(refused.body).toMatchObject({ error });
    expect(String(refused.body['error_description'])).toMatch(new RegExp(`^${esia}:`));
    expect(retried.status).toBe(200);
  });

  it('refuses a wider scope than was granted', async () => {
    const code = await authorizationCode({ scope: 'openid fullname' });
    const { body } = await exchange(code, { scope: 'openid fullname snils' });
    expect(String(body['error_description'])).toMatch(/^ESIA-007006:/);
  });

  it('rotates refresh tokens: the old one stops working', async () => {
    const first = await exchange(await authorizationCode());
    const refreshToken = String(first.body['refresh_token']);
    const refresh = () =>
      postTokenForm(test.emulator.url, tokenForm(test.client, { refreshToken }, { now: test.clock.now() }));

    const second = await refresh();
    const replay = await refresh();

    expect(second.status).toBe(200);
    expect(second.body['refresh_token']).not.toBe(refreshToken);
    expect(replay.status).toBe(400);
    expect(String(replay.body['error_description'])).toMatch(/^ESIA-007011:/);
  });

  describe('person resources', () => {
    async function accessToken(scope?: string): Promise<string> {
      const code = await authorizationCode(scope ? { scope } : {});
      return String((await exchange(code, scope ? { scope } : {})).body['access_token']);
    }
    const get = async (path: string, token: string) => {
      const response = await fetch(new URL(path, test.emulator.url), {
        headers: { authorization: `Bearer ${token}` },
      });
      return { status: response.status, body: (await response.json()) as Record<string, unknown> };
    };

    it('returns the person, and collections as links to elements', async () => {
      const token = await accessToken();

      const found = await get(`/rs/prns/${person.oid}`, token);
      const contacts = await get(`/rs/prns/${person.oid}/ctts`, token);
      const elements = contacts.body['elements'] as string[];
      const first = await get(elements[0]!, token);

      expect(found.body).toMatchObject({
        firstName: 'Ольга',
        lastName: 'Смирнова',
        birthDate: '21.09.1978',
        snils: '143-256-789 68',
        trusted: true,
        status: 'REGISTERED',
      });
      expect(contacts.body['size']).toBe(2);
      expect(elements[0]).toBe(`${test.emulator.url}/rs/prns/${person.oid}/ctts/34001`);
      expect(first.body).toMatchObject({
        id: 34001,
        type: 'MBT',
        value: '+7(903)1234567',
        vrfStu: 'VERIFIED',
      });
    });

    it('shows only what the scopes allow', async () => {
      const token = await accessToken('openid fullname mobile');

      const found = await get(`/rs/prns/${person.oid}`, token);
      const contacts = await get(`/rs/prns/${person.oid}/ctts`, token);
      const documents = await get(`/rs/prns/${person.oid}/docs`, token);

      expect(found.body['firstName']).toBe('Ольга');
      expect(found.body['snils']).toBeUndefined();
      expect(found.body['birthDate']).toBeUndefined();
      expect(contacts.body['size']).toBe(1);
      expect(documents.status).toBe(403);
    });

    it.each([
      { why: 'no token', path: `/rs/prns/${person.oid}`, token: '', status: 401 },
      {
        why: 'a forged token',
        path: `/rs/prns/${person.oid}`,
        token: 'eyJhbGciOiJub25lIn0.e30.',
        status: 401,
      },
      {
        why: "another person's record",
        path: `/rs/prns/${ESIA_TEST_PERSONS.newcomer.oid}`,
        token: 'valid',
        status: 403,
      },
    ])('refuses $why', async ({ path, token, status }) => {
      const response = await get(path, token === 'valid' ? await accessToken() : token);
      expect(response.status).toBe(status);
    });

    it('refuses an access token after its hour is over', async () => {
      const token = await accessToken();
      test.clock.advance(3600_000);
      expect((await get(`/rs/prns/${person.oid}`, token)).status).toBe(401);
    });
  });

  describe('logout', () => {
    const logout = (query: string) =>
      fetch(new URL(`/idp/ext/Logout?${query}`, test.emulator.url), { redirect: 'manual' });

    it('returns to a redirect_url on the client origin', async () => {
      const response = await logout(
        `client_id=${test.client.clientId}&redirect_url=${encodeURIComponent('https://cabinet.example/')}`,
      );
      expect(response.status).toBe(302);
      expect(response.headers.get('location')).toBe('https://cabinet.example/');
    });

    it.each([
      {
        why: 'a foreign redirect_url',
        query: 'client_id=INSURER_TEST&redirect_url=https%3A%2F%2Fevil.example%2F',
      },
      { why: 'an unknown client', query: 'client_id=NOBODY' },
    ])('refuses $why', async ({ query }) => {
      expect((await logout(query)).status).toBe(400);
    });
  });
});
