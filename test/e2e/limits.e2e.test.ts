import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { graphql } from '../support/graphqlClient.ts';
import { demoCast } from '../support/demoCast.ts';
import { startTestSystem, type TestSystem } from '../support/testSystem.ts';

const { customer } = demoCast();

// Production profile with limits small enough to cross in a few requests.
const GATEWAY_SETTINGS = {
  GATEWAY_PROFILE: 'production',
  MAX_DEPTH: '4',
  MAX_ALIASES: '2',
  MAX_TOKENS: '200',
  MAX_COST: '30',
  COST_LIST_SIZE: '20',
  MAX_BODY_BYTES: '5000',
  RATE_LIMITS: 'anonymous=5,customer=1000,partner=3,ip=10000',
  CORS_ORIGINS: 'https://lk.example.ru',
};

const codesOf = (response: { errors?: { extensions?: Record<string, unknown> }[] }) =>
  response.errors?.map((error) => error.extensions?.['code']);

describe('the gateway limits in the production profile', () => {
  let system: TestSystem;
  let customerToken: string;

  beforeAll(async () => {
    Object.assign(process.env, GATEWAY_SETTINGS);
    system = await startTestSystem();
    customerToken = await system.token({
      kind: 'customer',
      customerId: customer.id,
      sessionId: randomUUID(),
      trusted: true,
    });
  });
  afterAll(async () => {
    await system?.shutdown();
  });

  it.each([
    { limit: 'depth', query: '{ me { claims { nodes { policy { number } } } } }', code: 'QUERY_TOO_DEEP' },
    { limit: 'aliases', query: '{ a: me { id } b: me { id } c: me { id } }', code: 'TOO_MANY_ALIASES' },
    { limit: 'tokens', query: `{ me { ${'id '.repeat(200)}} }`, code: 'TOO_MANY_TOKENS' },
    {
      limit: 'cost',
      query: '{ me { policies { nodes { number } } claims { nodes { number } } } }',
      code: 'QUERY_TOO_EXPENSIVE',
    },
  ])('refuses an operation over the $limit limit with $code', async ({ query, code }) => {
    const response = await graphql(system.gatewayUrl, query, { token: customerToken });
    expect(codesOf(response)).toContain(code);
    expect(response.data ?? null).toBeNull();
  });

  it('serves an operation within every limit', async () => {
    const response = await graphql(system.gatewayUrl, '{ me { fullName policies { totalCount } } }', {
      token: customerToken,
    });
    expect(response.errors).toBeUndefined();
  });

  it('refuses a body over the size limit with 413 before reading it', async () => {
    const response = await fetch(system.gatewayUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: '{ __typename }', variables: { padding: 'x'.repeat(6_000) } }),
    });
    expect(response.status).toBe(413);
    expect(
      ((await response.json()) as { errors: { extensions: { code: string } }[] }).errors[0]?.extensions.code,
    ).toBe('PAYLOAD_TOO_LARGE');
  });

  it('hides field suggestions and refuses introspection', async () => {
    const typo = await graphql(system.gatewayUrl, '{ me { fullNam } }', { token: customerToken });
    expect(typo.errors?.[0]?.message).toContain('fullNam');
    expect(typo.errors?.map((error) => error.message).join(' ')).not.toMatch(/did you mean|fullName/i);

    const introspection = await graphql(system.gatewayUrl, '{ __schema { types { name } } }', {
      token: customerToken,
    });
    expect(introspection.data ?? null).toBeNull();
    expect(introspection.errors?.length).toBeGreaterThan(0);
  });

  it('refuses a simple cross-site GET without the client header (CSRF) and serves it with the header', async () => {
    const url = `${system.gatewayUrl}?query=${encodeURIComponent('{ __typename }')}`;
    expect((await fetch(url)).status).toBe(403);
    const withHeader = await fetch(url, { headers: { 'x-client-name': 'web' } });
    expect(withHeader.status).toBe(200);
  });

  it('answers CORS preflights for allowed origins only and sends security headers', async () => {
    const preflight = (origin: string) =>
      fetch(system.gatewayUrl, {
        method: 'OPTIONS',
        headers: {
          origin,
          'access-control-request-method': 'POST',
          'access-control-request-headers': 'content-type',
        },
      });
    const allowed = await preflight('https://lk.example.ru');
    expect(allowed.headers.get('access-control-allow-origin')).toBe('https://lk.example.ru');
    const foreign = await preflight('https://evil.example.com');
    expect(foreign.headers.get('access-control-allow-origin')).toBeNull();

    const response = await fetch(system.gatewayUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: '{ __typename }' }),
    });
    expect(response.headers.get('x-content-type-options')).toBe('nosniff');
    expect(response.headers.get('x-frame-options')).toBe('DENY');
    expect(response.headers.get('content-security-policy')).toContain("default-src 'none'");
  });

  it('rate-limits anonymous callers and partners by their own budgets while customers go on', async () => {
    const partnerToken = await system.token({
      kind: 'partner',
      partnerId: randomUUID(),
      clientId: 'bank',
      scopes: ['claims:status'],
    });
    const statuses = async (token: string | undefined, count: number) => {
      const seen: number[] = [];
      for (let i = 0; i < count; i += 1)
        seen.push((await graphql(system.gatewayUrl, '{ __typename }', token ? { token } : {})).status);
      return seen;
    };

    // Earlier anonymous requests of this file spent part of the budget of 5 already.
    expect((await statuses(undefined, 6)).at(-1)).toBe(429);
    const partner = await statuses(partnerToken, 4);
    expect(partner).toEqual([200, 200, 200, 429]);
    expect(await statuses(customerToken, 3)).toEqual([200, 200, 200]);

    const limited = await graphql(system.gatewayUrl, '{ __typename }');
    expect(limited.status).toBe(429);
    expect(codesOf(limited)).toEqual(['RATE_LIMITED']);
  });
});
