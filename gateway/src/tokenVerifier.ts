import {
  createAccessTokenVerifier,
  refusingEndedSessions,
  type AccessTokenVerifier,
  type EndedSessions,
} from '@cabinet/platform/auth';
import type { GatewayConfig } from './config.ts';
import { cacheVerifiedTokens } from './verifiedTokenCache.ts';

/**
 * Access tokens are checked against identity's published keys, and each verified one is remembered;
 * a remembered token is still refused the moment its session is known to have ended.
 */
export function accessTokenVerifierFor(
  config: GatewayConfig,
  endedSessions: EndedSessions,
): AccessTokenVerifier {
  return refusingEndedSessions(
    cacheVerifiedTokens(
      createAccessTokenVerifier(
        { jwksUrl: config.JWKS_URL },
        { issuer: config.TOKEN_ISSUER, audience: config.TOKEN_AUDIENCE },
      ),
      { maxEntries: config.VERIFIED_TOKENS_CACHED, now: () => Date.now() },
    ),
    endedSessions,
  );
}
