import { createAccessTokenVerifier, type AccessTokenVerifier } from '@cabinet/platform/auth';
import type { GatewayConfig } from './config.ts';
import { cacheVerifiedTokens } from './verifiedTokenCache.ts';

/** Access tokens are checked against identity's published keys, and each verified one is remembered. */
export function accessTokenVerifierFor(config: GatewayConfig): AccessTokenVerifier {
  return cacheVerifiedTokens(
    createAccessTokenVerifier(
      { jwksUrl: config.JWKS_URL },
      { issuer: config.TOKEN_ISSUER, audience: config.TOKEN_AUDIENCE },
    ),
    { maxEntries: config.VERIFIED_TOKENS_CACHED, now: () => Date.now() },
  );
}
