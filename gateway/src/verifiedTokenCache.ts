import { ANONYMOUS, bearerToken, type AccessTokenVerifier, type VerifiedToken } from '@cabinet/platform';

export interface VerifiedTokenCacheOptions {
  /** Tokens remembered at most; the least recently used one goes first. */
  readonly maxEntries: number;
  readonly now: () => number;
}

/**
 * Remembers tokens whose signature and claims were verified, so a client's next requests with the
 * same token skip the signature check. A token is kept until its own expiry and never longer; only
 * successes are kept, and a tampered token is a different string, so it always goes to `verifier`.
 */
export function cacheVerifiedTokens(
  verifier: AccessTokenVerifier,
  options: VerifiedTokenCacheOptions,
): AccessTokenVerifier {
  const verified = new Map<string, VerifiedToken>();

  const remembered = (token: string): VerifiedToken | undefined => {
    const entry = verified.get(token);
    if (entry === undefined) return undefined;
    verified.delete(token);
    if (entry.expiresAt.getTime() <= options.now()) return undefined;
    verified.set(token, entry);
    return entry;
  };

  const remember = (token: string, entry: VerifiedToken) => {
    if (entry.expiresAt.getTime() <= options.now()) return;
    verified.set(token, entry);
    if (verified.size > options.maxEntries) {
      const oldest = verified.keys().next();
      if (!oldest.done) verified.delete(oldest.value);
    }
  };

  const verify = async (token: string): Promise<VerifiedToken> => {
    const hit = remembered(token);
    if (hit) return hit;
    const entry = await verifier.verify(token);
    remember(token, entry);
    return entry;
  };

  return {
    verify,
    async principalFromAuthorization(header) {
      const token = bearerToken(header);
      return token === undefined ? ANONYMOUS : (await verify(token)).principal;
    },
  };
}
