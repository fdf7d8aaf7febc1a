import { AsyncLocalStorage } from 'node:async_hooks';
import type { IncomingHttpHeaders } from 'node:http';
import type { RequestClient } from '@cabinet/contracts';

const USER_AGENT_LIMIT = 512;

/**
 * The client as the gateway saw it. The gateway appends the address it accepted the connection
 * from to `x-forwarded-for`, so the rightmost entry is the one we can trust, and only on a request
 * the gateway proved its own (`forwardedByGateway`): anyone else calling directly could write any
 * address there, so their own socket address is taken instead.
 */
export function requestClientOf(
  headers: IncomingHttpHeaders,
  socketAddress: string | undefined,
  forwardedByGateway: boolean,
): RequestClient {
  const forwarded = forwardedByGateway ? headers['x-forwarded-for'] : undefined;
  const chain = (Array.isArray(forwarded) ? forwarded.join(',') : (forwarded ?? ''))
    .split(',')
    .map((entry) => entry.trim())
    .filter(Boolean);
  const userAgent = headers['user-agent'];
  return {
    ip: chain.at(-1) ?? socketAddress ?? null,
    userAgent:
      typeof userAgent === 'string' && userAgent !== '' ? userAgent.slice(0, USER_AGENT_LIMIT) : null,
  };
}

const storage = new AsyncLocalStorage<RequestClient>();

/**
 * Express middleware that makes the request's client visible to everything the request runs,
 * resolvers included, without threading it through every call. `isInternal` tells a request the
 * gateway proved its own, the only kind whose `x-forwarded-for` is believed.
 */
export function requestClientMiddleware(isInternal: (headers: IncomingHttpHeaders) => boolean) {
  return (
    request: { headers: IncomingHttpHeaders; socket: { remoteAddress?: string | undefined } },
    _response: unknown,
    next: () => void,
  ): void => {
    storage.run(
      requestClientOf(request.headers, request.socket.remoteAddress, isInternal(request.headers)),
      next,
    );
  };
}

/** The current request's client; outside a request (jobs, tests) nothing is known. */
export function currentRequestClient(): RequestClient {
  return storage.getStore() ?? { ip: null, userAgent: null };
}
