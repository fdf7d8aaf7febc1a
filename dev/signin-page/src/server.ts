import { readFile } from 'node:fs/promises';
import { createServer, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Logger } from '@cabinet/platform/logging';
import type { RunningService } from '@cabinet/platform/process';
import { pageHtml, startingHtml } from './page.ts';

/** The path ESIA sends the browser back to; the page also answers at `/`. */
export const SIGN_IN_CALLBACK_PATH = '/auth/esia/callback';

/**
 * The cabinet's pages that notices link to (`<CABINET_URL>claims/<id>`, `<CABINET_URL>support/<id>`):
 * in the embedded profile this page is the cabinet's address, and shows the claim or conversation
 * after a sign-in.
 */
const CABINET_PAGE = /^\/(claims|support)\/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export interface SignInPageOptions {
  /** 0 picks a free port (tests). */
  readonly port: number;
  readonly host: string;
  /**
   * Holds the gateway's GraphQL URL once the gateway listens: the page is started before the
   * services that must know its redirect URI, so the gateway's address comes later.
   */
  readonly gatewayUrlFile: string;
  readonly logger: Logger;
}

const ASSETS: Readonly<Record<string, { file: string; type: string }>> = {
  '/signin.js': { file: 'signin.js', type: 'text/javascript; charset=utf-8' },
  '/signin.css': { file: 'signin.css', type: 'text/css; charset=utf-8' },
};

const BASE_HEADERS = {
  'cache-control': 'no-store',
  // The callback URL carries the one-time ESIA code: it must not leave in a Referer.
  'referrer-policy': 'no-referrer',
  'x-content-type-options': 'nosniff',
  'x-frame-options': 'DENY',
};

function contentSecurityPolicy(gatewayOrigin: string | undefined): string {
  return [
    "default-src 'none'",
    "script-src 'self'",
    "style-src 'self'",
    `connect-src ${gatewayOrigin ?? "'none'"}`,
    "base-uri 'none'",
    "form-action 'none'",
    "frame-ancestors 'none'",
  ].join('; ');
}

async function gatewayUrlFrom(file: string): Promise<string | undefined> {
  try {
    return new URL((await readFile(file, 'utf8')).trim()).toString();
  } catch {
    return undefined;
  }
}

function send(res: ServerResponse, status: number, type: string, body: string, csp: string): void {
  res.writeHead(status, { ...BASE_HEADERS, 'content-type': type, 'content-security-policy': csp });
  res.end(body);
}

/**
 * Serves the page on every path it is registered under (`/`, the callback, the cabinet pages e-mails
 * link to), and its script and styles; nothing else.
 */
export async function startSignInPage(options: SignInPageOptions): Promise<RunningService> {
  const assets = new Map<string, { body: string; type: string }>();
  for (const [path, asset] of Object.entries(ASSETS)) {
    assets.set(path, {
      body: await readFile(new URL(`../public/${asset.file}`, import.meta.url), 'utf8'),
      type: asset.type,
    });
  }
  let callbackUrl = '';

  const server = createServer((req, res) => {
    const path = new URL(req.url ?? '/', 'http://page').pathname;
    const asset = assets.get(path);
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      send(
        res,
        405,
        'text/plain; charset=utf-8',
        'Метод не поддерживается',
        contentSecurityPolicy(undefined),
      );
      return;
    }
    if (path === '/favicon.ico') {
      res.writeHead(204, BASE_HEADERS).end();
      return;
    }
    if (asset) {
      send(res, 200, asset.type, asset.body, contentSecurityPolicy(undefined));
      return;
    }
    if (path !== '/' && path !== SIGN_IN_CALLBACK_PATH && !CABINET_PAGE.test(path)) {
      send(res, 404, 'text/plain; charset=utf-8', 'Страница не найдена', contentSecurityPolicy(undefined));
      return;
    }
    void gatewayUrlFrom(options.gatewayUrlFile).then((gatewayUrl) => {
      if (gatewayUrl === undefined) {
        send(res, 503, 'text/html; charset=utf-8', startingHtml(), contentSecurityPolicy(undefined));
        return;
      }
      const html = pageHtml({ gatewayUrl, callbackUrl });
      send(res, 200, 'text/html; charset=utf-8', html, contentSecurityPolicy(new URL(gatewayUrl).origin));
    });
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, options.host, () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  // `localhost`, as registered in ESIA: the browser must come back to the origin it started from.
  const url = `http://localhost:${port}/`;
  callbackUrl = new URL(SIGN_IN_CALLBACK_PATH, url).toString();
  options.logger.info({ url, callbackUrl }, 'sign-in page listening');

  return {
    url,
    stop: () =>
      new Promise<void>((resolve, reject) => {
        server.close((error) => (error ? reject(error) : resolve()));
        server.closeAllConnections();
      }),
  };
}
