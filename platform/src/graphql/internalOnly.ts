import type { IncomingHttpHeaders } from 'node:http';
import type { Request, Response, NextFunction } from 'express';
import { GraphQLError } from 'graphql';
import {
  INTERNAL_REQUEST_HEADER,
  type InternalRequestVerifier,
} from '../internalRequests/internalRequestProof.ts';

export const internalOnlyRefusal = () =>
  new GraphQLError('Сервис принимает запросы только от шлюза.', { extensions: { code: 'INTERNAL_ONLY' } });

/** Whether the gateway or a sibling service proved a request its own. */
export function isInternalRequest(verifier: InternalRequestVerifier, headers: IncomingHttpHeaders): boolean {
  return verifier.callerOf(headers[INTERNAL_REQUEST_HEADER]) !== undefined;
}

/**
 * Express middleware ahead of a subgraph's GraphQL endpoint: only the gateway and sibling services
 * call it, so a request without their proof is refused (403, INTERNAL_ONLY) before it is read. This
 * also keeps introspection to them.
 */
export function internalOnlyMiddleware(verifier: InternalRequestVerifier) {
  return (request: Request, response: Response, next: NextFunction): void => {
    if (isInternalRequest(verifier, request.headers)) return next();
    const refusal = internalOnlyRefusal();
    response.status(403).json({ errors: [{ message: refusal.message, extensions: refusal.extensions }] });
  };
}
