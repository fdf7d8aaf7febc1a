import { createPublicKey } from 'node:crypto';
import {
  createLocalJWKSet,
  createRemoteJWKSet,
  errors,
  jwtVerify,
  type JSONWebKeySet,
  type JWTPayload,
  type JWTVerifyGetKey,
} from 'jose';
import { gosuslugiError } from './errors.ts';

/** What we take from an ESIA access token once it is proven genuine. */
export interface EsiaTokenClaims {
  /** `urn:esia:sbj_id`: the person's oid. */
  readonly oid: string;
  readonly clientId: string;
  /** Scope names without ESIA's `?oid=…` suffixes. */
  readonly scopes: readonly string[];
  /** `urn:esia:sid`, ESIA's session id, when present. */
  readonly sessionId?: string;
  readonly expiresAt: Date;
}

export interface EsiaTokenVerifier {
  /** Resolves the claims of a genuine, current token for our client, or throws GOSUSLUGI_TOKEN_INVALID. */
  verify(token: string): Promise<EsiaTokenClaims>;
}

export type EsiaKeySource =
  | { readonly jwksUrl: string; readonly timeoutMs: number }
  | { readonly jwks: JSONWebKeySet }
  /** ESIA's published certificate or its public key, PEM. */
  | { readonly publicKeyPem: string };

/** What every ESIA token must satisfy, however its signature is checked. */
export interface EsiaTokenChecks {
  readonly issuer: string;
  readonly clientId: string;
  /** The only `alg` values accepted; `none` and shared-secret algorithms are refused outright. */
  readonly algorithms: readonly string[];
  readonly now: () => Date;
  readonly leewaySeconds?: number;
}

export interface EsiaTokenVerifierOptions extends EsiaTokenChecks {
  readonly keys: EsiaKeySource;
}

export const DEFAULT_LEEWAY_SECONDS = 60;

function keyResolver(keys: EsiaKeySource): JWTVerifyGetKey | ReturnType<typeof createPublicKey> {
  if ('jwksUrl' in keys)
    return createRemoteJWKSet(new URL(keys.jwksUrl), { timeoutDuration: keys.timeoutMs });
  if ('jwks' in keys) return createLocalJWKSet(keys.jwks);
  return createPublicKey(keys.publicKeyPem);
}

export const invalidEsiaToken = (reason: string) =>
  gosuslugiError('GOSUSLUGI_TOKEN_INVALID', undefined, { reason });

/** The claims of a token whose signature and times were checked: it must be for our system and name a person. */
export function claimsOf(payload: JWTPayload, clientId: string): EsiaTokenClaims {
  const audience = payload.aud === undefined ? [] : [payload.aud].flat();
  const tokenClientId = payload['client_id'];
  if (tokenClientId === undefined && audience.length === 0)
    throw invalidEsiaToken('neither client_id nor aud');
  if (tokenClientId !== undefined && tokenClientId !== clientId)
    throw invalidEsiaToken('client_id is another system');
  if (audience.length > 0 && !audience.includes(clientId)) throw invalidEsiaToken('aud is another system');

  const subject = payload['urn:esia:sbj_id'];
  const oid = typeof subject === 'number' && Number.isSafeInteger(subject) ? String(subject) : subject;
  if (typeof oid !== 'string' || !/^\d+$/.test(oid)) throw invalidEsiaToken('urn:esia:sbj_id is missing');
  const scope = typeof payload['scope'] === 'string' ? payload['scope'] : '';
  const sessionId = payload['urn:esia:sid'];
  return {
    oid,
    clientId,
    scopes: scope
      .split(' ')
      .filter(Boolean)
      .map((item) => item.split('?')[0] ?? item),
    ...(typeof sessionId === 'string' ? { sessionId } : {}),
    expiresAt: new Date((payload.exp ?? 0) * 1000),
  };
}

/** `none` and shared-secret algorithms would let anyone who knows our client id forge a token. */
export function assertPublicKeyAlgorithms(algorithms: readonly string[]): void {
  const refused = algorithms.filter((alg) => alg === 'none' || alg.startsWith('HS'));
  if (algorithms.length === 0 || refused.length > 0) {
    throw new Error(
      `ESIA token algorithms must be a non-empty list of public-key algorithms, got ${refused.join(', ')}`,
    );
  }
}

export function createJoseEsiaTokenVerifier(options: EsiaTokenVerifierOptions): EsiaTokenVerifier {
  assertPublicKeyAlgorithms(options.algorithms);
  const key = keyResolver(options.keys);
  const verifyOptions = () => ({
    issuer: options.issuer,
    algorithms: [...options.algorithms],
    clockTolerance: options.leewaySeconds ?? DEFAULT_LEEWAY_SECONDS,
    currentDate: options.now(),
    requiredClaims: ['exp'],
  });

  return {
    async verify(token) {
      try {
        const { payload } =
          typeof key === 'function'
            ? await jwtVerify(token, key, verifyOptions())
            : await jwtVerify(token, key, verifyOptions());
        return claimsOf(payload, options.clientId);
      } catch (error) {
        if (error instanceof errors.JOSEError) throw invalidEsiaToken(error.code);
        throw error;
      }
    },
  };
}
