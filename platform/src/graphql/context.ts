import type { IncomingHttpHeaders } from 'node:http';
import type { AccessTokenVerifier } from '../auth/accessTokens.ts';
import type { Principal } from '@cabinet/kernel';
import type { Logger } from '../logging/logger.ts';
import { REQUEST_ID_HEADER, requestIdFrom } from '../logging/requestId.ts';

/** What every resolver gets: who is calling, and a logger bound to the request id. */
export interface RequestContext {
  readonly principal: Principal;
  readonly requestId: string;
  readonly log: Logger;
  /** The caller's own Authorization value, for calls this service makes on the caller's behalf. */
  readonly authorization: string | undefined;
  /**
   * What the service hands to resolvers that are not instances it built, such as type-graphql's
   * static `subscribe` functions.
   */
  readonly services: unknown;
}

export async function contextFromHeaders(
  headers: IncomingHttpHeaders | Record<string, unknown>,
  verifier: AccessTokenVerifier,
  log: Logger,
  services: unknown,
): Promise<RequestContext> {
  const requestId = requestIdFrom(headers[REQUEST_ID_HEADER] as string | undefined);
  const authorization = headerValue(headers['authorization'] ?? headers['Authorization']);
  const principal = await verifier.principalFromAuthorization(authorization);
  return { principal, requestId, log: log.child({ requestId }), authorization, services };
}

function headerValue(value: unknown): string | undefined {
  if (typeof value === 'string') return value;
  if (Array.isArray(value) && typeof value[0] === 'string') return value[0];
  return undefined;
}
