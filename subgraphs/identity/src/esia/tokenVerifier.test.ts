import { generateKeyPairSync, type KeyObject } from 'node:crypto';
import { SignJWT, exportJWK, type JWTPayload } from 'jose';
import { describe, expect, it } from 'vitest';
import { ESIA_ISSUER } from './config.ts';
import { createJoseEsiaTokenVerifier, type EsiaKeySource } from './tokenVerifier.ts';

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

describe('createJoseEsiaTokenVerifier', () => {
  it('extracts the oid, scopes and session of a genuine access token', async () => {
    await expect(verifier().verify(await token(claims))).resolves.toEqual({
      oid: '1000100003',
      clientId: 'INSURER01',
      scopes: ['openid', 'fullname', 'snils'],
      sessionId: 'session-1',
      expiresAt: new Date((nowSeconds + 3590) * 1000),
    });
  });

  it('accepts a key from a JWKS', async () => {
    const jwk = { ...(await exportJWK(esiaKey.publicKey)), alg: 'RS256' };
    await expect(verifier({ jwks: { keys: [jwk] } }).verify(await token(claims))).resolves.toMatchObject({
      oid: '1000100003',
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
    await expect(verifier().verify(await token(payload))).resolves.toMatchObject({ oid: '1000100003' });
  });

  it.each([
    { why: 'expired 61 s ago', make: () => token({ ...claims, exp: nowSeconds - 61 }) },
    { why: 'not valid for another 61 s', make: () => token({ ...claims, nbf: nowSeconds + 61 }) },
    { why: 'without exp', make: () => token({ ...claims, exp: undefined }) },
    { why: 'from another issuer', make: () => token({ ...claims, iss: 'https://esia.gosuslugi.ru' }) },
    { why: 'for another client', make: () => token({ ...claims, client_id: 'OTHER' }) },
    { why: 'for another audience', make: () => token({ ...claims, client_id: undefined, aud: 'OTHER' }) },
    { why: 'for nobody in particular', make: () => token({ ...claims, client_id: undefined }) },
    { why: 'without urn:esia:sbj_id', make: () => token({ ...claims, 'urn:esia:sbj_id': undefined }) },
    { why: 'signed by another key', make: () => token(claims, otherKey.privateKey) },
    {
      why: 'signed with an algorithm outside the allowlist',
      make: () => token(claims, ecKey.privateKey, 'ES256'),
    },
    {
      why: 'unsigned (alg none)',
      make: () =>
        Promise.resolve(
          `${Buffer.from('{"alg":"none"}').toString('base64url')}.${Buffer.from(JSON.stringify(claims)).toString('base64url')}.`,
        ),
    },
    {
      why: 'tampered after signing',
      make: async () => {
        const [header, , signature] = (await token(claims)).split('.');
        const forged = Buffer.from(JSON.stringify({ ...claims, 'urn:esia:sbj_id': 1 })).toString('base64url');
        return `${header}.${forged}.${signature}`;
      },
    },
    { why: 'not a JWT at all', make: () => Promise.resolve('garbage') },
  ])('refuses a token $why with GOSUSLUGI_TOKEN_INVALID', async ({ make }) => {
    await expect(verifier().verify(await make())).rejects.toMatchObject({ code: 'GOSUSLUGI_TOKEN_INVALID' });
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
