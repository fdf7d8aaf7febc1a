import { randomUUID } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import {
  createAccessTokenSigner,
  createAccessTokenVerifier,
  AUTHENTICATION_UNAVAILABLE,
} from './accessTokens.ts';
import { generateSigningKey, publicJwks, type KeyRing } from './keyRing.ts';

const audience = { issuer: 'cabinet-identity', audience: 'cabinet' };
const customer = {
  kind: 'customer',
  customerId: randomUUID(),
  sessionId: randomUUID(),
  trusted: true,
  consentVersion: '1',
} as const;

async function keyRing(): Promise<KeyRing> {
  const { key } = await generateSigningKey();
  return { active: key, all: [key] };
}

/** Identity's JWKS endpoint, which a test can make fail and whose fetches it counts. */
async function jwksEndpoint(ring: KeyRing) {
  const state = { failing: false, fetches: 0 };
  const server: Server = createServer((_req, res) => {
    state.fetches += 1;
    if (state.failing) {
      res.writeHead(503).end();
      return;
    }
    res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(publicJwks(ring)));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return { url: `http://127.0.0.1:${port}/.well-known/jwks.json`, state, server };
}

describe('verifying against a remote JWKS while identity is down', () => {
  const servers: Server[] = [];
  afterEach(async () => {
    await Promise.all(servers.splice(0).map((server) => new Promise((resolve) => server.close(resolve))));
  });

  it('keeps verifying with the last key set it fetched, and asks again only after the cooldown', async () => {
    const ring = await keyRing();
    const endpoint = await jwksEndpoint(ring);
    servers.push(endpoint.server);
    let now = 1_000_000;
    // Given keys that are stale at once, so every verification wants a fresh fetch
    const verifier = createAccessTokenVerifier(
      { jwksUrl: endpoint.url, cache: { cacheMaxAgeMs: 0, cooldownMs: 30_000 }, now: () => now },
      audience,
    );
    const token = await createAccessTokenSigner(ring, audience).sign(customer);
    expect((await verifier.verify(token)).principal).toMatchObject({ customerId: customer.customerId });

    // When identity fails
    endpoint.state.failing = true;
    const fetchesBefore = endpoint.state.fetches;
    // Then the token still verifies; the failed fetch is not repeated within the cooldown
    await expect(verifier.verify(token)).resolves.toMatchObject({ principal: { kind: 'customer' } });
    await expect(verifier.verify(token)).resolves.toMatchObject({ principal: { kind: 'customer' } });
    expect(endpoint.state.fetches).toBe(fetchesBefore + 1);

    now += 30_000;
    await expect(verifier.verify(token)).resolves.toMatchObject({ principal: { kind: 'customer' } });
    expect(endpoint.state.fetches).toBe(fetchesBefore + 2);
  });

  it('refuses a token signed with a key the last key set does not hold', async () => {
    const ring = await keyRing();
    const endpoint = await jwksEndpoint(ring);
    servers.push(endpoint.server);
    const verifier = createAccessTokenVerifier(
      { jwksUrl: endpoint.url, cache: { cacheMaxAgeMs: 0 } },
      audience,
    );
    await verifier.verify(await createAccessTokenSigner(ring, audience).sign(customer));
    endpoint.state.failing = true;

    const foreign = await createAccessTokenSigner(await keyRing(), audience).sign(customer);
    await expect(verifier.verify(foreign)).rejects.toMatchObject({ code: 'UNAUTHENTICATED' });
  });

  it('says authentication is unavailable when identity never answered', async () => {
    const ring = await keyRing();
    const endpoint = await jwksEndpoint(ring);
    servers.push(endpoint.server);
    endpoint.state.failing = true;
    const verifier = createAccessTokenVerifier({ jwksUrl: endpoint.url }, audience);

    const token = await createAccessTokenSigner(ring, audience).sign(customer);
    await expect(verifier.verify(token)).rejects.toMatchObject({ code: AUTHENTICATION_UNAVAILABLE });
  });
});
