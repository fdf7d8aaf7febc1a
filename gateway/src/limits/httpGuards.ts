import type { IncomingMessage, ServerResponse } from 'node:http';
import type { ErrorCode } from '@cabinet/kernel';

const BASE_SECURITY_HEADERS: Readonly<Record<string, string>> = {
  'x-content-type-options': 'nosniff',
  'x-frame-options': 'DENY',
  'referrer-policy': 'no-referrer',
  'cross-origin-opener-policy': 'same-origin',
  'strict-transport-security': 'max-age=31536000; includeSubDomains',
};

/** GraphiQL needs inline scripts, so the strict policy is for production, where GraphiQL is off. */
const PRODUCTION_SECURITY_HEADERS: Readonly<Record<string, string>> = {
  ...BASE_SECURITY_HEADERS,
  'content-security-policy': "default-src 'none'; frame-ancestors 'none'",
};

/**
 * Runs before the GraphQL server sees a request: puts the security headers on every response and
 * refuses a body above the limit by its declared length (413), or an undeclared one (411), before
 * a byte of it is read. Returns false when it has answered the request itself.
 */
export function guardHttpRequest(
  req: IncomingMessage,
  res: ServerResponse,
  options: { readonly maxBodyBytes: number; readonly production: boolean },
): boolean {
  for (const [name, value] of Object.entries(
    options.production ? PRODUCTION_SECURITY_HEADERS : BASE_SECURITY_HEADERS,
  )) {
    res.setHeader(name, value);
  }
  if (req.method !== 'POST') return true;
  const declared = req.headers['content-length'];
  if (declared === undefined) {
    refuse(res, 411, 'LENGTH_REQUIRED', 'Укажите длину тела запроса (Content-Length).');
    return false;
  }
  if (Number(declared) > options.maxBodyBytes) {
    refuse(res, 413, 'PAYLOAD_TOO_LARGE', `Тело запроса больше ${options.maxBodyBytes} байт.`);
    return false;
  }
  return true;
}

function refuse(res: ServerResponse, status: number, code: ErrorCode, message: string): void {
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', connection: 'close' });
  res.end(JSON.stringify({ errors: [{ message, extensions: { code } }] }));
}
