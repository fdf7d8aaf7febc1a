import { createPrivateKey, createPublicKey, generateKeyPairSync, type KeyObject } from 'node:crypto';
import { SignJWT, calculateJwkThumbprint, exportJWK, jwtVerify, type JWK, type JWTPayload } from 'jose';
import { scopeClaim } from './scopes.ts';

/** ESIA's issuer as its tokens spell it: http, with the trailing slash. */
export const ESIA_ISSUER = 'http://esia.gosuslugi.ru/';
export const TOKEN_TTL_SECONDS = 3600;
const ALG = 'RS256';

/** The emulator's token-signing key; production ESIA signs with GOST, which the emulator replaces by RS256. */
export interface TokenKeys {
  readonly kid: string;
  readonly privateKey: KeyObject;
  readonly publicKey: KeyObject;
  readonly publicJwk: JWK;
}

export async function loadTokenKeys(privateKeyPem?: string): Promise<TokenKeys> {
  const privateKey = privateKeyPem
    ? createPrivateKey(privateKeyPem)
    : generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey;
  if (privateKey.asymmetricKeyType !== 'rsa') throw new Error('the emulator signs tokens with an RSA key');
  const { d: _d, p: _p, q: _q, dp: _dp, dq: _dq, qi: _qi, ...publicPart } = await exportJWK(privateKey);
  const kid = await calculateJwkThumbprint(publicPart);
  const publicJwk = { ...publicPart, kid, alg: ALG, use: 'sig' };
  return { kid, privateKey, publicKey: createPublicKey(privateKey), publicJwk };
}

export interface TokenSubject {
  readonly clientId: string;
  readonly oid: number;
  readonly scopes: readonly string[];
  readonly sessionId: string;
  readonly authTime: Date;
}

const seconds = (moment: Date) => Math.floor(moment.getTime() / 1000);

function sign(keys: TokenKeys, subjectType: 'access' | 'id', claims: JWTPayload, now: Date): Promise<string> {
  const issuedAt = seconds(now);
  return new SignJWT(claims)
    .setProtectedHeader({ alg: ALG, kid: keys.kid, typ: 'JWT', sbt: subjectType, ver: 1 })
    .setIssuer(ESIA_ISSUER)
    .setIssuedAt(issuedAt)
    .setNotBefore(issuedAt)
    .setExpirationTime(issuedAt + TOKEN_TTL_SECONDS)
    .sign(keys.privateKey);
}

/** ESIA's access token: no `aud`, the client in `client_id`, the person in `urn:esia:sbj_id`. */
export function issueAccessToken(keys: TokenKeys, subject: TokenSubject, now: Date): Promise<string> {
  return sign(
    keys,
    'access',
    {
      client_id: subject.clientId,
      scope: scopeClaim(subject.scopes, subject.oid),
      'urn:esia:sid': subject.sessionId,
      'urn:esia:sbj_id': subject.oid,
    },
    now,
  );
}

export function issueIdToken(keys: TokenKeys, subject: TokenSubject, now: Date): Promise<string> {
  return sign(
    keys,
    'id',
    {
      aud: subject.clientId,
      sub: String(subject.oid),
      auth_time: seconds(subject.authTime),
      amr: 'PWD',
      'urn:esia:sid': subject.sessionId,
      'urn:esia:sbj': { typ: 'P', oid: subject.oid, nam: `OID.${subject.oid}` },
    },
    now,
  );
}

/** The person and scopes behind one of our own access tokens, or undefined for anything else. */
export async function readAccessToken(
  keys: TokenKeys,
  token: string,
  now: Date,
): Promise<{ oid: number; scopes: string[] } | undefined> {
  try {
    const { payload, protectedHeader } = await jwtVerify(token, keys.publicKey, {
      issuer: ESIA_ISSUER,
      algorithms: [ALG],
      currentDate: now,
    });
    const oid = payload['urn:esia:sbj_id'];
    if (protectedHeader['sbt'] !== 'access' || typeof oid !== 'number') return undefined;
    const scope = typeof payload['scope'] === 'string' ? payload['scope'] : '';
    return { oid, scopes: scope.split(' ').map((item) => item.split('?')[0] ?? item) };
  } catch {
    return undefined;
  }
}
