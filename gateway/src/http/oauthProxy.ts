import { request as httpRequest, type IncomingMessage, type ServerResponse } from 'node:http';
import type { InternalRequestSigner } from '@cabinet/platform/internal-requests';
import type { Logger } from '@cabinet/platform/logging';
import { onlyNamed, proxiedRequestHeaders } from './passedHeaders.ts';
import type { GatewayConfig } from '../config.ts';
import type { SubgraphRoute } from '../supergraph.ts';

const FORWARDED_RESPONSE_HEADERS = [
  'content-type',
  'content-length',
  'cache-control',
  'pragma',
  'www-authenticate',
  'retry-after',
];

/** The token endpoint passed through to identity's route; none when the supergraph routes to no identity. */
export function oauthTokenProxy(
  routes: readonly SubgraphRoute[],
  config: GatewayConfig,
  internalRequests: InternalRequestSigner,
  log: Logger,
): ((req: IncomingMessage, res: ServerResponse) => void) | undefined {
  const identityRoute = routes.find((route) => route.name === 'identity');
  return (
    identityRoute &&
    proxyOAuthToken(
      identityRoute.url,
      config.SUBGRAPH_TIMEOUTS_MS.get('identity') ?? config.SUBGRAPH_TIMEOUT_MS,
      internalRequests,
      log,
    )
  );
}

/**
 * Partners get their tokens at the gateway's `POST /oauth/token`: the request goes to identity's route
 * as it is, with the client's address appended to `x-forwarded-for` so identity's limits and activity
 * log see the partner, not the gateway (identity believes that header only beside the gateway's proof). When the partner goes away first, the call to identity is
 * dropped, so identity skips the work (see its request signal).
 */
export function proxyOAuthToken(
  identityOrigin: string,
  timeoutMs: number,
  internalRequests: InternalRequestSigner,
  log: Logger,
): (req: IncomingMessage, res: ServerResponse) => void {
  const target = new URL('/oauth/token', identityOrigin);
  return (req, res) => {
    const headers = proxiedRequestHeaders(req, internalRequests);
    const upstream = httpRequest(target, { method: 'POST', headers, timeout: timeoutMs }, (answer) => {
      const passed = onlyNamed(answer.headers, FORWARDED_RESPONSE_HEADERS);
      res.writeHead(answer.statusCode ?? 502, passed);
      answer.pipe(res);
    });
    upstream.on('timeout', () =>
      upstream.destroy(new Error(`identity did not answer within ${timeoutMs} ms`)),
    );
    upstream.on('error', (error) => {
      log.warn({ err: error }, 'identity token endpoint unavailable');
      if (res.headersSent) {
        res.destroy();
        return;
      }
      res.writeHead(503, { 'content-type': 'application/json', 'retry-after': '5' });
      res.end(
        JSON.stringify({ error: 'temporarily_unavailable', error_description: 'identity is unavailable' }),
      );
    });
    // A partner that gave up must not leave identity checking its secret for nobody.
    res.on('close', () => {
      if (!res.writableFinished) upstream.destroy();
    });
    req.pipe(upstream);
  };
}
