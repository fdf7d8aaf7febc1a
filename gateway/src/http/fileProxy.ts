import { request as httpRequest, type IncomingMessage, type ServerResponse } from 'node:http';
import { Transform, type TransformCallback } from 'node:stream';
import type { ErrorCode } from '@cabinet/kernel';
import { FILES_PATH } from '@cabinet/platform/files';
import type { InternalRequestSigner } from '@cabinet/platform/internal-requests';
import type { Logger } from '@cabinet/platform/logging';
import { onlyNamed, proxiedRequestHeaders } from './passedHeaders.ts';
import type { RateDecision } from '../limits/requestBudgets.ts';
import { RATE_LIMITED_MESSAGE } from '../limits/rateLimits.ts';
import type { SubgraphRoute } from '../supergraph.ts';

const FORWARDED_RESPONSE_HEADERS = [
  'content-type',
  'content-length',
  'content-disposition',
  'cache-control',
  'retry-after',
];
const METHODS = ['GET', 'HEAD', 'PUT'];
/** `/files/<service>/<path>?<query>`: the service is one path segment, the rest goes to it as it is. */
const FILE_URL = /^\/files\/([^/?#]+)(\/[^?#]*)(\?[^#]*)?$/;

export interface FileProxyOptions {
  /** The subgraphs the supergraph routes to: each may serve files under its own `/files`. */
  readonly routes: readonly SubgraphRoute[];
  /** The largest upload passed on, whatever a link allows (the services hold each upload to its own limit). */
  readonly maxUploadBytes: number;
  /** How long the service may stay silent, or the client not send, before the transfer is dropped. */
  readonly idleTimeoutMs: number;
  readonly internalRequests: InternalRequestSigner;
  /** The rate limits: one request from the client's address. */
  readonly spend: (ip: string) => Promise<RateDecision>;
  /** The CORS allowlist: pages of these origins may upload and read files. */
  readonly allowsOrigin: (origin: string | undefined) => boolean;
  readonly log: Logger;
}

export function isFileRequest(url: string | undefined): boolean {
  return url?.startsWith(`${FILES_PATH}/`) === true;
}

class UploadTooLarge extends Error {}

/** Passes bytes through until more than `maxBytes` arrive, then fails. */
function byteLimit(maxBytes: number): Transform {
  let seen = 0;
  return new Transform({
    transform(chunk: Buffer, _encoding: BufferEncoding, done: TransformCallback) {
      seen += chunk.length;
      if (seen > maxBytes) done(new UploadTooLarge());
      else done(null, chunk);
    },
  });
}

function refuse(
  res: ServerResponse,
  status: number,
  code: ErrorCode,
  message: string,
  headers: Record<string, string> = {},
): void {
  if (res.headersSent) {
    res.destroy();
    return;
  }
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', ...headers });
  res.end(JSON.stringify({ error: { code, message } }));
}

/**
 * `<PUBLIC_URL>/files/<service>/…`: the signed links of every service, served at the gateway's origin.
 * The request goes to `<service>/files/…` with the gateway's proof of an internal request (the
 * services' ports are internal) and the client's address in `x-forwarded-for`; both bodies stream
 * through, neither is held whole. An upload above `maxUploadBytes` is cut off with 413; the service's
 * own answer (its status, type, length and file name) is passed back as it is, an early refusal of an
 * upload included; a client that goes away drops the call to the service. Each request spends from
 * the client address's rate limits like an anonymous GraphQL request.
 */
export function fileProxy(options: FileProxyOptions): (req: IncomingMessage, res: ServerResponse) => void {
  const origins = new Map(options.routes.map((route) => [route.name, new URL(route.url).origin]));
  return (req, res) => {
    const [, service = '', path = '', query = ''] = FILE_URL.exec(req.url ?? '') ?? [];
    const origin = origins.get(service);
    // Dot segments are resolved here, so a path can never leave the service's files.
    const target = origin === undefined ? undefined : new URL(`${FILES_PATH}${path}${query}`, origin);
    if (!target?.pathname.startsWith(`${FILES_PATH}/`)) {
      refuse(res, 404, 'FILE_NOT_FOUND', 'Файл не найден.');
      return;
    }
    const browserOrigin = req.headers.origin;
    if (options.allowsOrigin(browserOrigin)) {
      res.setHeader('access-control-allow-origin', browserOrigin!);
      res.setHeader('access-control-expose-headers', 'content-disposition, content-length');
      res.setHeader('vary', 'origin');
    }
    if (req.method === 'OPTIONS') {
      res.writeHead(204, {
        'access-control-allow-methods': METHODS.join(', '),
        'access-control-allow-headers': 'content-type',
        'access-control-max-age': '600',
      });
      res.end();
      return;
    }
    if (!METHODS.includes(req.method ?? '')) {
      refuse(res, 405, 'METHOD_NOT_ALLOWED', 'Файлы скачиваются запросом GET и загружаются запросом PUT.', {
        allow: METHODS.join(', '),
      });
      return;
    }
    const tooLarge = () =>
      refuse(res, 413, 'PAYLOAD_TOO_LARGE', `Файл больше ${options.maxUploadBytes} байт.`, {
        connection: 'close',
      });
    if (Number(req.headers['content-length'] ?? 0) > options.maxUploadBytes) {
      tooLarge();
      return;
    }
    const ip = req.socket.remoteAddress ?? 'unknown';
    void options.spend(ip).then(
      (decision) => {
        if (decision.allowed) {
          pass(req, res, target, options, tooLarge);
          return;
        }
        const retryAfter = String(decision.retryAfterSeconds);
        refuse(res, 429, 'RATE_LIMITED', RATE_LIMITED_MESSAGE, { 'retry-after': retryAfter });
      },
      (error: unknown) => {
        options.log.error({ err: error }, 'file request: rate limits could not be read');
        refuse(res, 500, 'INTERNAL_SERVER_ERROR', 'Внутренняя ошибка шлюза.');
      },
    );
  };
}

function pass(
  req: IncomingMessage,
  res: ServerResponse,
  target: URL,
  options: FileProxyOptions,
  tooLarge: () => void,
): void {
  const headers = proxiedRequestHeaders(req, options.internalRequests);

  const upstream = httpRequest(target, { method: req.method, headers, timeout: options.idleTimeoutMs });
  upstream.on('response', (answer) => {
    const passed = onlyNamed(answer.headers, FORWARDED_RESPONSE_HEADERS);
    // The service answered before the whole upload arrived (a refusal): the rest is not sent on.
    if (!req.complete) {
      req.unpipe();
      passed['connection'] = 'close';
    }
    res.writeHead(answer.statusCode ?? 502, passed);
    answer.on('close', () => {
      if (!answer.complete) res.destroy();
    });
    answer.pipe(res);
  });
  upstream.on('timeout', () =>
    upstream.destroy(new Error(`the service was silent for ${options.idleTimeoutMs} ms`)),
  );
  upstream.on('error', (error) => {
    if (res.headersSent) return;
    options.log.warn({ err: error, path: target.pathname }, 'file request: service unavailable');
    refuse(res, 503, 'SUBGRAPH_UNAVAILABLE', 'Сервис временно недоступен. Повторите попытку позже.', {
      'retry-after': '5',
    });
  });
  // A client that went away must not leave the service sending a file, or storing one, for nobody.
  res.on('close', () => {
    if (!res.writableFinished) upstream.destroy();
  });
  if (req.method !== 'PUT') {
    upstream.end();
    return;
  }
  const limited = byteLimit(options.maxUploadBytes);
  limited.on('error', () => {
    req.unpipe();
    tooLarge();
    upstream.destroy();
  });
  req.pipe(limited).pipe(upstream);
}
