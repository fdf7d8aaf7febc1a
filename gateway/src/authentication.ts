import { isDomainError, type Principal } from '@cabinet/kernel';
import { AUTHENTICATION_UNAVAILABLE, bearerToken, type AccessTokenVerifier } from '@cabinet/platform/auth';
import type { GatewayPlugin } from '@graphql-hive/gateway-runtime';

/**
 * Refuses a request with a bad or expired token before any planning or subgraph call (401; 503 while
 * identity's keys could never be fetched). A request
 * without a token goes on as anonymous: sign-in lives in the graph, and every subgraph checks again.
 */
export function useAccessTokenCheck(
  verifier: AccessTokenVerifier,
  onVerified: (request: Request, principal: Principal) => void = () => {},
): GatewayPlugin {
  return {
    async onRequest(payload) {
      const { request, fetchAPI } = payload;
      const header = request.headers.get('authorization');
      if (!header) return;
      try {
        const token = bearerToken(header);
        if (token !== undefined) onVerified(request, (await verifier.verify(token)).principal);
      } catch (error) {
        if (!isDomainError(error)) throw error;
        payload.endResponse(
          new fetchAPI.Response(
            JSON.stringify({ errors: [{ message: error.message, extensions: { code: error.code } }] }),
            {
              status: error.code === AUTHENTICATION_UNAVAILABLE ? 503 : 401,
              headers: { 'content-type': 'application/json; charset=utf-8', 'www-authenticate': 'Bearer' },
            },
          ),
        );
      }
    },
  };
}
