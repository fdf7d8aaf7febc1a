import { createServer, request, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import {
  createInternalRequestSigner,
  createInternalRequestVerifier,
  INTERNAL_REQUEST_HEADER,
} from '@cabinet/platform/internal-requests';
import { createLogger } from '@cabinet/platform/logging';
import { afterEach, describe, expect, it } from 'vitest';
import { proxyOAuthToken } from './oauthProxy.ts';

const servers: Server[] = [];
const SECRET = 'a-secret-of-the-internal-network-32+';
const proxyTo = (identity: string) =>
  proxyOAuthToken(
    identity,
    60_000,
    createInternalRequestSigner(SECRET, 'gateway'),
    createLogger('gateway', 'silent'),
  );

afterEach(async () => {
  await Promise.all(servers.splice(0).map((server) => new Promise((resolve) => server.close(resolve))));
});

async function listening(handler: (req: IncomingMessage, res: ServerResponse) => void) {
  const server = createServer(handler);
  servers.push(server);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

describe("the gateway's partner token endpoint", () => {
  it('drops the call to identity when the partner goes away first', async () => {
    let reached!: () => void;
    const identityReached = new Promise<void>((resolve) => (reached = resolve));
    let dropped!: (answered: boolean) => void;
    const identityDropped = new Promise<boolean>((resolve) => (dropped = resolve));
    const identity = await listening((_req, res) => {
      res.on('close', () => dropped(res.writableFinished));
      reached();
    });
    const gateway = await listening(proxyTo(identity));

    const partner = request(new URL('/oauth/token', gateway), {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
    });
    partner.on('error', () => undefined);
    partner.end('grant_type=client_credentials');
    await identityReached;
    partner.destroy();
    // Identity never answered: its side of the call was closed under it.
    expect(await identityDropped).toBe(false);
  });

  it("passes identity's Retry-After on with a 429", async () => {
    const identity = await listening((_req, res) => {
      res.writeHead(429, { 'content-type': 'application/json', 'retry-after': '60' });
      res.end('{"error":"temporarily_unavailable"}');
    });
    const gateway = await listening(proxyTo(identity));
    const answer = await fetch(new URL('/oauth/token', gateway), {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: 'grant_type=client_credentials',
    });
    expect(answer.status).toBe(429);
    expect(answer.headers.get('retry-after')).toBe('60');
    expect(await answer.json()).toEqual({ error: 'temporarily_unavailable' });
  });

  it('proves the call its own, so identity believes the client address it appends', async () => {
    let received!: IncomingMessage['headers'];
    const identity = await listening((req, res) => {
      received = req.headers;
      res.writeHead(401, { 'content-type': 'application/json' });
      res.end('{"error":"invalid_client"}');
    });
    const gateway = await listening(proxyTo(identity));
    await fetch(new URL('/oauth/token', gateway), {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', 'x-forwarded-for': '198.51.100.7' },
      body: 'grant_type=client_credentials',
    });
    expect(createInternalRequestVerifier(SECRET).callerOf(received[INTERNAL_REQUEST_HEADER])).toBe('gateway');
    expect(received['x-forwarded-for']).toBe('198.51.100.7, 127.0.0.1');
  });
});
