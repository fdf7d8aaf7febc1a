import type { IncomingHttpHeaders, IncomingMessage } from 'node:http';
import { INTERNAL_REQUEST_HEADER, type InternalRequestSigner } from '@cabinet/platform/internal-requests';
import { REQUEST_ID_HEADER } from '@cabinet/platform/logging';
import { forwardedFor } from '../clientHeaders.ts';

const FORWARDED_REQUEST_HEADERS = [
  'content-type',
  'content-length',
  'accept',
  'user-agent',
  REQUEST_ID_HEADER,
];

/**
 * The headers of a client's request passed on to a service's own route: what describes the body, the
 * client's address appended to `x-forwarded-for` (believed only beside the proof) and the gateway's proof.
 */
export function proxiedRequestHeaders(
  req: IncomingMessage,
  internalRequests: InternalRequestSigner,
): Record<string, string> {
  const headers = onlyNamed(req.headers, FORWARDED_REQUEST_HEADERS);
  const forwarded = forwardedFor(req.headers['x-forwarded-for']?.toString(), req.socket.remoteAddress);
  if (forwarded) headers['x-forwarded-for'] = forwarded;
  headers[INTERNAL_REQUEST_HEADER] = internalRequests.proof();
  return headers;
}

/** The named single-valued headers, and nothing else, of a request or an answer. */
export function onlyNamed(headers: IncomingHttpHeaders, names: readonly string[]): Record<string, string> {
  const kept: Record<string, string> = {};
  for (const name of names) {
    const value = headers[name];
    if (typeof value === 'string') kept[name] = value;
  }
  return kept;
}
