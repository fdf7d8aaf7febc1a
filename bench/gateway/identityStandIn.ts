import { randomUUID } from 'node:crypto';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { CURRENT_CONSENT_VERSION } from '@cabinet/kernel';
import {
  createAccessTokenSigner,
  ENDED_SESSIONS_PATH,
  generateSigningKey,
  publicJwks,
  type KeyRing,
} from '@cabinet/platform/auth';

/** Long enough for the longest bench run: a token expiring mid-run would turn into 401s. */
const TOKEN_TTL_SECONDS = 6 * 60 * 60;
const ISSUER = 'cabinet-identity';
const AUDIENCE = 'cabinet';

export interface IdentityStandIn {
  /** The gateway's settings that point it here. */
  readonly gatewayEnv: Readonly<Record<string, string>>;
  /** A signed-in, trusted customer's access token, signed as identity would sign it. */
  readonly customerToken: string;
  close(): Promise<void>;
}

/**
 * What our gateway needs of identity besides its subgraph, when the subgraphs are stubs: the published
 * keys its token check verifies with, and a feed of ended sessions that stays empty.
 */
export async function startIdentityStandIn(): Promise<IdentityStandIn> {
  const { key } = await generateSigningKey();
  const ring: KeyRing = { active: key, all: [key] };
  const jwks = JSON.stringify(publicJwks(ring));
  const server = createServer((request, response) => {
    const path = new URL(request.url ?? '/', 'http://stand-in').pathname;
    const body =
      path === ENDED_SESSIONS_PATH
        ? JSON.stringify({ sessionIds: [], nextPage: null, since: 'start' })
        : path === '/.well-known/jwks.json'
          ? jwks
          : undefined;
    response.writeHead(body === undefined ? 404 : 200, { 'content-type': 'application/json' });
    response.end(body ?? '{}');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  const customerToken = await createAccessTokenSigner(ring, { issuer: ISSUER, audience: AUDIENCE }).sign(
    {
      kind: 'customer',
      customerId: randomUUID(),
      sessionId: randomUUID(),
      trusted: true,
      consentVersion: CURRENT_CONSENT_VERSION,
    },
    { ttlSeconds: TOKEN_TTL_SECONDS },
  );
  return {
    gatewayEnv: {
      JWKS_URL: `http://127.0.0.1:${port}/.well-known/jwks.json`,
      TOKEN_ISSUER: ISSUER,
      TOKEN_AUDIENCE: AUDIENCE,
    },
    customerToken,
    close: () =>
      new Promise((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
