import { ANONYMOUS } from '@cabinet/kernel';
import { bearerToken, type AccessTokenVerifier, type VerifiedToken } from '@cabinet/platform/auth';
import { LruMap } from '@cabinet/platform/collections';

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
  const verified = new LruMap<string, VerifiedToken>(options.maxEntries);

  const remembered = (token: string): VerifiedToken | undefined => {
    const entry = verified.get(token);
    if (entry === undefined || entry.expiresAt.getTime() > options.now()) return entry;
    verified.delete(token);
    return undefined;
  };

  const remember = (token: string, entry: VerifiedToken) => {
    if (entry.expiresAt.getTime() > options.now()) verified.set(token, entry);
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
