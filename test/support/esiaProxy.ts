import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * A man in the middle between identity and ESIA, for the tampered-token test: it passes everything
 * through (rewriting the emulator's origin to its own), and when `tamper` is on it alters the
 * subject of the access token in token responses, leaving the signature as it was.
 */
export interface EsiaProxy {
  readonly url: string;
  tamper: boolean;
  stop(): Promise<void>;
}

async function bodyOf(request: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of request) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

function withForeignSubject(jwt: string): string {
  const [header, payload, signature] = jwt.split('.');
  const claims = JSON.parse(Buffer.from(payload ?? '', 'base64url').toString('utf8')) as Record<
    string,
    unknown
  >;
  claims['urn:esia:sbj_id'] = 1000100003;
  return `${header}.${Buffer.from(JSON.stringify(claims)).toString('base64url')}.${signature}`;
}

export async function startEsiaProxy(emulatorUrl: string): Promise<EsiaProxy> {
  const target = new URL(emulatorUrl);
  let ownUrl = '';
  const proxy: { tamper: boolean } = { tamper: false };
  const server: Server = createServer((request, response) => {
    void (async () => {
      const body = await bodyOf(request);
      const headers = Object.fromEntries(
        Object.entries(request.headers).filter(
          ([name]) => !['host', 'content-length', 'connection'].includes(name),
        ),
      ) as Record<string, string>;
      const upstream = await fetch(new URL(request.url ?? '/', target), {
        method: request.method ?? 'GET',
        headers,
        redirect: 'manual',
        ...(body.length > 0 ? { body: new Uint8Array(body) } : {}),
      });
      let text = (await upstream.text()).replaceAll(target.origin, ownUrl);
      if (proxy.tamper && request.url?.startsWith('/aas/oauth2/v3/te') && upstream.ok) {
        const tokens = JSON.parse(text) as { access_token: string };
        text = JSON.stringify({ ...tokens, access_token: withForeignSubject(tokens.access_token) });
      }
      const passed: Record<string, string> = {};
      upstream.headers.forEach((value, name) => {
        if (!['content-length', 'content-encoding', 'transfer-encoding', 'connection'].includes(name))
          passed[name] = value;
      });
      response.writeHead(upstream.status, passed).end(text);
    })().catch((error: unknown) => response.writeHead(502).end(String(error)));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  ownUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return Object.assign(proxy, {
    url: ownUrl,
    stop: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  });
}
