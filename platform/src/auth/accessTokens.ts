import {
  SignJWT,
  createRemoteJWKSet,
  createLocalJWKSet,
  jwtVerify,
  errors,
  type JWK,
  type JWTVerifyGetKey,
} from 'jose';
import {
  ANONYMOUS,
  CommonErrors,
  DomainError,
  type AuthenticatedPrincipal,
  type ErrorCode,
  type Principal,
} from '@cabinet/kernel';
import { ACCESS_TOKEN_ALG, publicJwks, type KeyRing } from './keyRing.ts';
import { claimsFor, principalFrom } from './tokenClaims.ts';

export interface TokenAudience {
  readonly issuer: string;
  readonly audience: string;
}

export interface AccessTokenSigner {
  sign(principal: AuthenticatedPrincipal, options?: { ttlSeconds?: number; now?: Date }): Promise<string>;
}

export const ACCESS_TOKEN_TTL_SECONDS = 15 * 60;

/** `ring` may be a getter, so a rotated ring takes over signing without rebuilding the signer. */
export function createAccessTokenSigner(
  ring: KeyRing | (() => KeyRing),
  audience: TokenAudience,
): AccessTokenSigner {
  const current = typeof ring === 'function' ? ring : () => ring;
  return {
    async sign(principal, { ttlSeconds = ACCESS_TOKEN_TTL_SECONDS, now = new Date() } = {}) {
      const { active } = current();
      const issuedAt = Math.floor(now.getTime() / 1000);
      return new SignJWT(claimsFor(principal))
        .setProtectedHeader({ alg: ACCESS_TOKEN_ALG, kid: active.kid, typ: 'at+jwt' })
        .setIssuer(audience.issuer)
        .setAudience(audience.audience)
        .setIssuedAt(issuedAt)
        .setExpirationTime(issuedAt + ttlSeconds)
        .setJti(crypto.randomUUID())
        .sign(active.privateKey);
    },
  };
}

export interface VerifiedToken {
  readonly principal: AuthenticatedPrincipal;
  readonly expiresAt: Date;
}

/** Runs `onExpiry` when the verified token expires; unref'd, so it never keeps a process alive. */
export function whenExpired(verified: VerifiedToken, onExpiry: () => void): NodeJS.Timeout {
  const timer = setTimeout(onExpiry, Math.max(0, verified.expiresAt.getTime() - Date.now()));
  timer.unref();
  return timer;
}

export interface AccessTokenVerifier {
  /** Resolves the principal of a bearer token, or throws UNAUTHENTICATED for a bad or expired one. */
  verify(token: string): Promise<VerifiedToken>;
  /** The same for an optional Authorization header value: no header means an anonymous caller. */
  principalFromAuthorization(header: string | undefined | null): Promise<Principal>;
}

/**
 * How a service keeps identity's published keys: fetched keys are trusted for `cacheMaxAgeMs`, then
 * fetched again; a key id the set does not know refetches at most once per `cooldownMs`. When a fetch
 * fails (identity down), the last key set that was fetched keeps verifying, and the endpoint is not
 * asked again for `cooldownMs`, so an outage of identity costs one failed fetch per cooldown, not one
 * per request.
 */
export interface JwksCachePolicy {
  readonly timeoutMs: number;
  readonly cooldownMs: number;
  readonly cacheMaxAgeMs: number;
}

export const DEFAULT_JWKS_CACHE: JwksCachePolicy = {
  timeoutMs: 2_000,
  cooldownMs: 30_000,
  cacheMaxAgeMs: 10 * 60_000,
};

/** `keyRing`: identity verifies against its own ring as it is now, rotations included. */
export type KeySource =
  | { jwksUrl: string; cache?: Partial<JwksCachePolicy>; now?: () => number }
  | { jwks: { keys: JWK[] } }
  | { keyRing: () => KeyRing };

/** Identity's keys could never be fetched: no token can be checked, good or bad. */
export const AUTHENTICATION_UNAVAILABLE = 'AUTHENTICATION_UNAVAILABLE' satisfies ErrorCode;

const authenticationUnavailable = () =>
  new DomainError(
    AUTHENTICATION_UNAVAILABLE,
    'Проверка входа временно недоступна. Повторите попытку через минуту.',
  );

/** What the answer of a key set that was fetched fine says about a token: its key is not (or not only) there. */
const KEY_SELECTION_ERRORS = [
  errors.JWKSNoMatchingKey,
  errors.JWKSMultipleMatchingKeys,
  errors.JOSENotSupported,
];

function lastGoodRemoteKeys(url: URL, policy: JwksCachePolicy, now: () => number): JWTVerifyGetKey {
  const remote = createRemoteJWKSet(url, {
    timeoutDuration: policy.timeoutMs,
    cooldownDuration: policy.cooldownMs,
    cacheMaxAge: policy.cacheMaxAgeMs,
  });
  let failedAt: number | undefined;
  const fromLastGood: JWTVerifyGetKey = (header, token) => {
    const lastGood = remote.jwks();
    if (lastGood === undefined) throw authenticationUnavailable();
    return createLocalJWKSet(lastGood)(header, token);
  };
  // Fetched at once, so a service that has not verified a token yet still has keys when identity goes down.
  remote.reload().catch(() => {
    failedAt = now();
  });
  return async (header, token) => {
    if (failedAt !== undefined && now() - failedAt < policy.cooldownMs && remote.jwks() !== undefined) {
      return fromLastGood(header, token);
    }
    try {
      const key = await remote(header, token);
      failedAt = undefined;
      return key;
    } catch (error) {
      if (KEY_SELECTION_ERRORS.some((kind) => error instanceof kind)) throw error;
      failedAt = now();
      return fromLastGood(header, token);
    }
  };
}

function keyResolver(source: KeySource): JWTVerifyGetKey {
  if ('jwksUrl' in source) {
    return lastGoodRemoteKeys(
      new URL(source.jwksUrl),
      { ...DEFAULT_JWKS_CACHE, ...source.cache },
      source.now ?? Date.now,
    );
  }
  if ('jwks' in source) return createLocalJWKSet(source.jwks);
  return (header, token) => createLocalJWKSet(publicJwks(source.keyRing()))(header, token);
}

export function createAccessTokenVerifier(source: KeySource, audience: TokenAudience): AccessTokenVerifier {
  const keys = keyResolver(source);

  async function verify(token: string): Promise<VerifiedToken> {
    try {
      const { payload } = await jwtVerify(token, keys, {
        issuer: audience.issuer,
        audience: audience.audience,
        algorithms: [ACCESS_TOKEN_ALG],
        clockTolerance: 5,
        requiredClaims: ['exp', 'iat', 'sub'],
      });
      const principal = principalFrom(payload);
      if (!principal || payload.exp === undefined) throw CommonErrors.invalidToken();
      return { principal, expiresAt: new Date(payload.exp * 1000) };
    } catch (error) {
      if (error instanceof errors.JOSEError) throw CommonErrors.invalidToken();
      throw error;
    }
  }

  return {
    verify,
    async principalFromAuthorization(header) {
      const token = bearerToken(header);
      return token === undefined ? ANONYMOUS : (await verify(token)).principal;
    },
  };
}

/** Accepts "Bearer <token>" (any case) and a bare token, as WebSocket clients often send one. */
export function bearerToken(header: string | undefined | null): string | undefined {
  if (!header) return undefined;
  const match = /^\s*(?:bearer\s+)?(\S+)\s*$/i.exec(header);
  if (!match?.[1]) throw CommonErrors.invalidToken();
  return match[1];
}
