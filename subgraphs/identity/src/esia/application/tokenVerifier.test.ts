import { generateKeyPairSync, type KeyObject } from 'node:crypto';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SignJWT, exportJWK, type JWTPayload } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCommandEsiaTokenVerifier, SIGNATURE_PLACEHOLDER } from './commandTokenVerifier.ts';
import { ESIA_ISSUER } from './config.ts';
import { createJoseEsiaTokenVerifier, type EsiaKeySource, type EsiaTokenVerifier } from './tokenVerifier.ts';

const NOW = new Date('2026-03-02T09:00:00Z');
const nowSeconds = NOW.getTime() / 1000;
const esiaKey = generateKeyPairSync('rsa', { modulusLength: 2048 });
const otherKey = generateKeyPairSync('rsa', { modulusLength: 2048 });
const ecKey = generateKeyPairSync('ec', { namedCurve: 'P-256' });

const claims: JWTPayload = {
  iss: ESIA_ISSUER,
  iat: nowSeconds - 10,
  nbf: nowSeconds - 10,
  exp: nowSeconds + 3590,
  client_id: 'INSURER01',
  scope: 'openid fullname?oid=1000100003 snils?oid=1000100003',
  'urn:esia:sid': 'session-1',
  'urn:esia:sbj_id': 1000100003,
};

function token(payload: JWTPayload, key: KeyObject = esiaKey.privateKey, alg = 'RS256'): Promise<string> {
  return new SignJWT(payload).setProtectedHeader({ alg, typ: 'JWT', sbt: 'access', ver: 1 }).sign(key);
}

const verifier = (
  keys: EsiaKeySource = {
    publicKeyPem: esiaKey.publicKey.export({ type: 'spki', format: 'pem' }).toString(),
  },
) =>
  createJoseEsiaTokenVerifier({
    keys,
    issuer: ESIA_ISSUER,
    clientId: 'INSURER01',
    algorithms: ['RS256'],
    now: () => NOW,
  });

/**
 * The production verifier hands the signature to an external tool (a GOST-capable openssl or CryptoPro);
 * here the machine's openssl checks RSA signatures in its place, through the same command protocol.
 */
let keyDir: string;
const commandOptions = (overrides: Partial<Parameters<typeof createCommandEsiaTokenVerifier>[0]> = {}) => ({
  command: 'openssl',
  args: [
    'dgst',
    '-sha256',
    '-verify',
    join(keyDir, 'esia.pem'),
    '-signature',
    SIGNATURE_PLACEHOLDER,
  ] as readonly string[],
  reverseBytes: false,
  timeoutMs: 10_000,
  issuer: ESIA_ISSUER,
  clientId: 'INSURER01',
  algorithms: ['RS256'],
  now: () => NOW,
  ...overrides,
});
let commandVerifier: EsiaTokenVerifier;
beforeAll(async () => {
  keyDir = await mkdtemp(join(tmpdir(), 'esia-verifier-'));
  await writeFile(
    join(keyDir, 'esia.pem'),
    esiaKey.publicKey.export({ type: 'spki', format: 'pem' }).toString(),
  );
  commandVerifier = createCommandEsiaTokenVerifier(commandOptions());
});
afterAll(async () => {
  await rm(keyDir, { recursive: true, force: true });
});

describe.each([
  { implementation: 'jose', make: () => verifier() },
  { implementation: 'an external command', make: () => commandVerifier },
])('an ESIA token verifier with $implementation', ({ make }) => {
  it('extracts the oid, scopes and session of a genuine access token', async () => {
    await expect(make().verify(await token(claims))).resolves.toEqual({
      oid: '1000100003',
      clientId: 'INSURER01',
      scopes: ['openid', 'fullname', 'snils'],
      sessionId: 'session-1',
      expiresAt: new Date((nowSeconds + 3590) * 1000),
    });
  });

  it.each([
    { why: 'expired 59 s ago', payload: { ...claims, exp: nowSeconds - 59 } },
    { why: 'valid from 59 s ahead', payload: { ...claims, nbf: nowSeconds + 59 } },
    {
      why: 'an id_token with aud and no client_id',
      payload: { ...claims, client_id: undefined, aud: 'INSURER01' },
    },
  ])('accepts a token $why (60 s leeway, aud as client)', async ({ payload }) => {
    await expect(make().verify(await token(payload))).resolves.toMatchObject({ oid: '1000100003' });
  });

  it.each([
    { why: 'expired 61 s ago', forge: () => token({ ...claims, exp: nowSeconds - 61 }) },
    { why: 'not valid for another 61 s', forge: () => token({ ...claims, nbf: nowSeconds + 61 }) },
    { why: 'without exp', forge: () => token({ ...claims, exp: undefined }) },
    { why: 'from another issuer', forge: () => token({ ...claims, iss: 'https://esia.gosuslugi.ru' }) },
    { why: 'for another client', forge: () => token({ ...claims, client_id: 'OTHER' }) },
    { why: 'for another audience', forge: () => token({ ...claims, client_id: undefined, aud: 'OTHER' }) },
    { why: 'for nobody in particular', forge: () => token({ ...claims, client_id: undefined }) },
    { why: 'without urn:esia:sbj_id', forge: () => token({ ...claims, 'urn:esia:sbj_id': undefined }) },
    { why: 'signed by another key', forge: () => token(claims, otherKey.privateKey) },
    {
      why: 'signed with an algorithm outside the allowlist',
      forge: () => token(claims, ecKey.privateKey, 'ES256'),
    },
    {
      why: 'unsigned (alg none)',
      forge: () =>
        Promise.resolve(
          `${Buffer.from('{"alg":"none"}').toString('base64url')}.${Buffer.from(JSON.stringify(claims)).toString('base64url')}.`,
        ),
    },
    {
      why: 'tampered after signing',
      forge: async () => {
        const [header, , signature] = (await token(claims)).split('.');
        const forged = Buffer.from(JSON.stringify({ ...claims, 'urn:esia:sbj_id': 1 })).toString('base64url');
        return `${header}.${forged}.${signature}`;
      },
    },
    { why: 'not a JWT at all', forge: () => Promise.resolve('garbage') },
  ])('refuses a token $why with GOSUSLUGI_TOKEN_INVALID', async ({ forge }) => {
    await expect(make().verify(await forge())).rejects.toMatchObject({ code: 'GOSUSLUGI_TOKEN_INVALID' });
  });
});

describe('createJoseEsiaTokenVerifier', () => {
  it('accepts a key from a JWKS', async () => {
    const jwk = { ...(await exportJWK(esiaKey.publicKey)), alg: 'RS256' };
    await expect(verifier({ jwks: { keys: [jwk] } }).verify(await token(claims))).resolves.toMatchObject({
      oid: '1000100003',
    });
  });

  it.each([[['none']], [['HS256']], [[]]])('will not be configured with algorithms %j', (algorithms) => {
    expect(() =>
      createJoseEsiaTokenVerifier({
        keys: { jwks: { keys: [] } },
        issuer: ESIA_ISSUER,
        clientId: 'X',
        algorithms,
        now: () => NOW,
      }),
    ).toThrow(/algorithms/);
  });
});

describe('createCommandEsiaTokenVerifier', () => {
  it('hands the tool the signature in the byte order it reads when asked to reverse it', async () => {
    const [header, payload, signature] = (await token(claims)).split('.') as [string, string, string];
    const reversed = Buffer.from(signature, 'base64url').reverse().toString('base64url');
    const verifier = createCommandEsiaTokenVerifier(commandOptions({ reverseBytes: true }));
    await expect(verifier.verify(`${header}.${payload}.${reversed}`)).resolves.toMatchObject({
      oid: '1000100003',
    });
  });

  it('reports a tool that cannot run as GOSUSLUGI_INTEGRATION_ERROR, not as a bad token', async () => {
    const verifier = createCommandEsiaTokenVerifier(
      commandOptions({ command: join(keyDir, 'no-such-tool') }),
    );
    await expect(verifier.verify(await token(claims))).rejects.toMatchObject({
      code: 'GOSUSLUGI_INTEGRATION_ERROR',
    });
  });

  it('will not be configured without a place for the signature file', () => {
    expect(() =>
      createCommandEsiaTokenVerifier(commandOptions({ args: ['dgst', '-verify', 'esia.pem'] })),
    ).toThrow(SIGNATURE_PLACEHOLDER);
  });
});
