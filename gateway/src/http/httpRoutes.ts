import type { IncomingMessage, ServerResponse } from 'node:http';
import { REQUEST_ID_HEADER, requestIdFrom } from '@cabinet/platform/logging';
import { isFileRequest } from './fileProxy.ts';

type Handler = (req: IncomingMessage, res: ServerResponse) => void;

export interface HttpRoutes {
  /** The HTTP guards: false when they have answered the request themselves. */
  readonly guard: (req: IncomingMessage, res: ServerResponse) => boolean;
  /** Partners' `POST /oauth/token`, when there is an identity to pass it to. */
  readonly oauthToken: Handler | undefined;
  readonly readiness: Handler;
  /** `/files/<service>/…`: the services' signed file links, passed on to them. */
  readonly files: Handler;
  /** Everything else: /graphql, GraphiQL, /healthcheck and /readiness/schema. */
  readonly runtime: (req: IncomingMessage, res: ServerResponse) => unknown;
}

/** Every request gets a request id and passes the HTTP guards before it is routed. */
export function routeHttp(routes: HttpRoutes): Handler {
  return (req, res) => {
    req.headers[REQUEST_ID_HEADER] = requestIdFrom(req.headers[REQUEST_ID_HEADER]);
    if (!routes.guard(req, res)) return;
    if (req.url === '/oauth/token' && req.method === 'POST' && routes.oauthToken) {
      routes.oauthToken(req, res);
      return;
    }
    if (isFileRequest(req.url)) {
      routes.files(req, res);
      return;
    }
    if (req.url === '/readiness') {
      routes.readiness(req, res);
      return;
    }
    void routes.runtime(req, res);
  };
}
