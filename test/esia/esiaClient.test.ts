import { randomUUID } from 'node:crypto';
import { ESIA_TEST_PERSONS, generateClientKeyPair } from '@cabinet/esia-emulator';
import { signInThroughEsia, startTestEmulator, type TestEmulator } from '@cabinet/esia-emulator/testing';
import {
  createEsiaClient,
  createJoseEsiaTokenVerifier,
  createKeySigner,
  DEFAULT_ESIA_SCOPES,
  ESIA_ISSUER,
  esiaErrorToDomainError,
  type EsiaClient,
  type EsiaClientConfig,
  type EsiaTokenVerifier,
} from '@cabinet/identity/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

/** The client speaks to the emulator started in-process, exactly as it would to ESIA. */
describe('ESIA client against the emulator', () => {
  let test: TestEmulator;
  let config: EsiaClientConfig;
  let client: EsiaClient;
  let verifier: EsiaTokenVerifier;
  const states: string[] = [];

  beforeAll(async () => {
    test = await startTestEmulator();
    config = {
      baseUrl: test.emulator.url,
      clientId: test.client.clientId,
      scopes: DEFAULT_ESIA_SCOPES,
      organizationScopes: [],
      accessType: 'offline',
      timeoutMs: 5_000,
    };
    const deps = {
      signer: createKeySigner({ privateKeyPem: test.client.privateKeyPem }),
      now: test.clock.now,
      newState: () => {
        const state = randomUUID();
        states.push(state);
        return state;
      },
    };
    client = createEsiaClient(config, deps);
    verifier = createJoseEsiaTokenVerifier({
      keys: { jwksUrl: test.emulator.jwksUrl, timeoutMs: 5_000 },
      issuer: ESIA_ISSUER,
      clientId: test.client.clientId,
      algorithms: ['RS256'],
      now: test.clock.now,
    });
  });
  afterAll(async () => {
    await test.emulator.stop();
  });

  async function signIn(
    person: { oid: number; password: string },
    login: string,
    consent: 'allow' | 'deny' = 'allow',
  ) {
    const request = await client.authorizationRequest(test.client.redirectUri);
    const callback = await signInThroughEsia(test.emulator.url, request.url, {
      login,
      password: person.password,
      smsCode: () => test.emulator.latestSmsCode(person.oid),
      consent,
    });
    return { request, callback };
  }

  it('builds a signed v2/ac URL with every parameter ESIA requires', async () => {
    const request = await client.authorizationRequest(test.client.redirectUri);
    const url = new URL(request.url);

    expect(url.pathname).toBe('/aas/oauth2/v2/ac');
    expect(Object.fromEntries(url.searchParams)).toMatchObject({
      client_id: test.client.clientId,
      redirect_uri: test.client.redirectUri,
      scope: 'openid fullname birthdate gender snils inn id_doc mobile email contacts addresses',
      response_type: 'code',
      access_type: 'offline',
      state: request.state,
      timestamp: '2026.03.02 09:00:00 +0000',
    });
    expect(url.searchParams.get('client_certificate_hash')).toMatch(/^[0-9a-f]{64}$/);
    expect(url.searchParams.get('client_secret')).toMatch(/^[A-Za-z0-9_-]+$/);
    expect(request.state).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('signs in, exchanges the code, verifies the token and reads the person with collections', async () => {
    const person = ESIA_TEST_PERSONS.existingCustomer;
    const { request, callback } = await signIn(person, '+7 903 123-45-67');
    expect(callback.searchParams.get('state')).toBe(request.state);

    const tokens = await client.exchangeCode(callback.searchParams.get('code')!, test.client.redirectUri);
    const claims = await verifier.verify(tokens.accessToken);
    const profile = await client.fetchPerson(tokens.accessToken, claims.oid);

    expect(tokens.expiresInSeconds).toBe(3600);
    expect(tokens.refreshToken).toBeDefined();
    expect(claims).toMatchObject({ oid: String(person.oid), clientId: test.client.clientId });
    expect(claims.scopes).toContain('snils');
    expect(profile).toMatchObject({
      oid: String(person.oid),
      lastName: 'Смирнова',
      firstName: 'Ольга',
      middleName: 'Викторовна',
      birthDate: '1978-09-21',
      gender: 'F',
      trusted: true,
      snils: '143-256-789 68',
      inn: '771345678963',
    });
    expect(profile.contacts).toEqual([
      { id: '34001', type: 'MBT', value: '+7(903)1234567', verified: true },
      { id: '34002', type: 'EML', value: 'olga.smirnova@example.ru', verified: true },
    ]);
    expect(profile.documents[0]).toMatchObject({
      type: 'RF_PASSPORT',
      series: '4508',
      number: '123456',
      issueDate: '2003-10-15',
      issueId: '772001',
      verified: true,
    });
    expect(profile.addresses.map((address) => address.type)).toEqual(['PRG', 'PLV']);
  });

  it('reads an unconfirmed account as trusted: false', async () => {
    const person = ESIA_TEST_PERSONS.unconfirmed;
    const { callback } = await signIn(person, 'kuznetsova.test@example.ru');
    const tokens = await client.exchangeCode(callback.searchParams.get('code')!, test.client.redirectUri);

    const profile = await client.fetchPerson(
      tokens.accessToken,
      (await verifier.verify(tokens.accessToken)).oid,
    );

    expect(profile.trusted).toBe(false);
    expect(profile.inn).toBeUndefined();
  });

  it('refreshes with a fresh state and a rotated refresh token', async () => {
    const person = ESIA_TEST_PERSONS.newcomer;
    const { callback } = await signIn(person, '157-342-968 90');
    const first = await client.exchangeCode(callback.searchParams.get('code')!, test.client.redirectUri);

    const second = await client.refresh(first.refreshToken!, test.client.redirectUri);

    expect(second.refreshToken).not.toBe(first.refreshToken);
    expect((await verifier.verify(second.accessToken)).oid).toBe(String(person.oid));
    await expect(client.refresh(first.refreshToken!, test.client.redirectUri)).rejects.toMatchObject({
      code: 'GOSUSLUGI_SIGN_IN_EXPIRED',
      details: { esiaCode: 'ESIA-007011' },
    });
  });

  it('turns a replayed code into GOSUSLUGI_SIGN_IN_EXPIRED', async () => {
    const { callback } = await signIn(ESIA_TEST_PERSONS.confirmed, '+7(000)0000006');
    const code = callback.searchParams.get('code')!;
    await client.exchangeCode(code, test.client.redirectUri);

    await expect(client.exchangeCode(code, test.client.redirectUri)).rejects.toMatchObject({
      code: 'GOSUSLUGI_SIGN_IN_EXPIRED',
      details: { esiaCode: 'ESIA-007011' },
    });
  });

  it('reports a clock far off ESIA as ESIA-007015', async () => {
    const skewed = createEsiaClient(config, {
      signer: createKeySigner({ privateKeyPem: test.client.privateKeyPem }),
      now: () => new Date(test.clock.now().getTime() + 3_600_000),
      newState: randomUUID,
    });
    await expect(skewed.exchangeCode(randomUUID(), test.client.redirectUri)).rejects.toMatchObject({
      code: 'GOSUSLUGI_INTEGRATION_ERROR',
      details: { esiaCode: 'ESIA-007015' },
    });
  });

  it('reports a client whose key ESIA does not know as ESIA-007002', async () => {
    const stranger = createEsiaClient(config, {
      signer: createKeySigner({ privateKeyPem: generateClientKeyPair().privateKeyPem }),
      now: test.clock.now,
      newState: randomUUID,
    });
    await expect(stranger.exchangeCode(randomUUID(), test.client.redirectUri)).rejects.toMatchObject({
      details: { esiaCode: 'ESIA-007002' },
    });
  });

  it('reports an unreachable ESIA as GOSUSLUGI_UNAVAILABLE', async () => {
    const closed = await startTestEmulator();
    await closed.emulator.stop();
    const offline = createEsiaClient(
      { ...config, baseUrl: closed.emulator.url },
      {
        signer: createKeySigner({ privateKeyPem: test.client.privateKeyPem }),
        now: test.clock.now,
        newState: randomUUID,
      },
    );
    await expect(offline.exchangeCode('x', test.client.redirectUri)).rejects.toMatchObject({
      code: 'GOSUSLUGI_UNAVAILABLE',
    });
  });

  it('builds the logout URL with redirect_url, which the emulator honours', async () => {
    const url = client.logoutUrl('https://cabinet.example/');
    expect(new URL(url).pathname).toBe('/idp/ext/Logout');
    const response = await fetch(url, { redirect: 'manual' });
    expect(response.headers.get('location')).toBe('https://cabinet.example/');
  });

  it('passes a refusal through the callback parameters', async () => {
    const { callback } = await signIn(ESIA_TEST_PERSONS.confirmed, 'sokolov.test@example.ru', 'deny');
    const error = esiaErrorToDomainError(
      callback.searchParams.get('error') ?? undefined,
      callback.searchParams.get('error_description') ?? undefined,
    );
    expect(error).toMatchObject({ code: 'GOSUSLUGI_ACCESS_DENIED', details: { esiaCode: 'ESIA-007004' } });
  });
});
