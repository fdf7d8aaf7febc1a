import { createHash, randomUUID } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { persistedOperationHashes } from '@cabinet/client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { collect, wsClient } from '../support/graphqlClient.ts';
import { demoCast } from '../support/demoCast.ts';
import { startTestSystem, type TestSystem } from '../support/testSystem.ts';

const { customer, policy } = demoCast();
const WAIT_MS = 10_000;

type Body = { data?: Record<string, unknown> | null; errors?: { extensions?: Record<string, unknown> }[] };

const hashOf = (text: string) => createHash('sha256').update(text).digest('hex');
const persisted = (hash: string) => ({ persistedQuery: { version: 1, sha256Hash: hash } });
const codesOf = (errors: readonly unknown[]) =>
  errors
    .flatMap((error): unknown[] => (Array.isArray(error) ? (error as unknown[]) : [error]))
    .map((error) => (error as { extensions?: Record<string, unknown> }).extensions?.['code']);

describe('persisted documents in the production profile', () => {
  let system: TestSystem;
  let customerToken: string;
  let partnerToken: string;
  const registered = new Map<string, string>();

  const post = async (
    body: Record<string, unknown>,
    headers: Record<string, string>,
  ): Promise<Body & { status: number }> => {
    const response = await fetch(system.gatewayUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...headers },
      body: JSON.stringify(body),
    });
    return { status: response.status, ...((await response.json()) as Body) };
  };

  beforeAll(async () => {
    Object.assign(process.env, { GATEWAY_PROFILE: 'production', RATE_LIMITS: 'partner=1000,ip=100000' });
    const manifest = JSON.parse(await readFile('schema/persisted-operations.json', 'utf8')) as Record<
      string,
      string
    >;
    for (const [hash, text] of Object.entries(manifest)) registered.set(hash, text);
    system = await startTestSystem();
    customerToken = await system.token({
      kind: 'customer',
      customerId: customer.id,
      sessionId: randomUUID(),
      trusted: true,
    });
    partnerToken = await system.token({
      kind: 'partner',
      partnerId: randomUUID(),
      clientId: 'client-partner',
      scopes: ['claims:status'],
    });
  });
  afterAll(async () => {
    await system?.shutdown();
  });

  it('keys every registered operation by the sha256 of its text, as the typed client operations know it', () => {
    expect(registered.size).toBeGreaterThan(0);
    for (const [hash, text] of registered) expect(hashOf(text)).toBe(hash);
    expect(Object.values(persistedOperationHashes).sort()).toEqual([...registered.keys()].sort());
  });

  it('runs a registered operation for the mobile app by its hash alone', async () => {
    const mobile = { authorization: `Bearer ${customerToken}`, 'x-client-name': 'mobile' };
    const cabinet = await post({ extensions: persisted(persistedOperationHashes.MobileCabinet) }, mobile);
    expect(cabinet.errors).toBeUndefined();
    expect(cabinet.data?.['me']).toMatchObject({ fullName: expect.any(String) as string });

    const card = await post(
      { variables: { id: policy.id }, extensions: persisted(persistedOperationHashes.MobilePolicy) },
      mobile,
    );
    expect(card.data?.['policy']).toEqual({ number: policy.number, status: expect.any(String) as string });
  });

  // The token was minted for a session identity does not hold: MySessions and MyConsents, which read the
  // session itself, answer SESSION_EXPIRED to it and are left out.
  it.each([
    { operation: 'Me', variables: {}, answers: 'me' },
    { operation: 'Home', variables: {}, answers: 'me' },
    { operation: 'PolicyCard', variables: { id: policy.id }, answers: 'policy' },
    { operation: 'PaymentMethods', variables: {}, answers: 'paymentMethods' },
    { operation: 'ConsentDocument', variables: {}, answers: 'consentDocument' },
    { operation: 'MyActivity', variables: {}, answers: 'myActivity' },
    { operation: 'MyConversations', variables: {}, answers: 'myConversations' },
  ] as const)(
    "runs the cabinet's $operation for the mobile app by its hash",
    async ({ operation, variables, answers }) => {
      const response = await post(
        { variables, extensions: persisted(persistedOperationHashes[operation]) },
        { authorization: `Bearer ${customerToken}`, 'x-client-name': 'mobile' },
      );
      expect(response.errors).toBeUndefined();
      expect(response.data?.[answers]).toBeTruthy();
    },
  );

  it.each([
    {
      caller: 'the mobile app',
      headers: (): Record<string, string> => ({ 'x-client-name': 'mobile' }),
    },
    {
      caller: 'a partner',
      headers: (): Record<string, string> => ({ authorization: `Bearer ${partnerToken}` }),
    },
  ])('refuses $caller an operation that is not registered', async ({ headers }) => {
    const arbitrary = await post({ query: '{ consentDocument { version } }' }, headers());
    expect(codesOf(arbitrary.errors ?? [])).toEqual(['PERSISTED_QUERY_ONLY']);
    expect(arbitrary.data ?? null).toBeNull();

    const unknown = await post({ extensions: persisted(hashOf('{ me { id } }')) }, headers());
    expect(codesOf(unknown.errors ?? [])).toEqual(['PERSISTED_QUERY_NOT_FOUND']);

    const tampered = await post(
      { query: '{ me { id } }', extensions: persisted(persistedOperationHashes.MobileCabinet) },
      headers(),
    );
    expect(codesOf(tampered.errors ?? [])).toEqual(['PERSISTED_QUERY_ONLY']);
  });

  it('lets web clients send their own operations', async () => {
    const web = await post(
      { query: '{ me { fullName } }' },
      { authorization: `Bearer ${customerToken}`, 'x-client-name': 'web' },
    );
    expect(web.errors).toBeUndefined();
    expect(web.data?.['me']).toMatchObject({ fullName: expect.any(String) as string });
  });

  it('opens the registered claim status subscription for a partner over SSE', async () => {
    const stream = new AbortController();
    const response = await fetch(system.gatewayUrl, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        accept: 'text/event-stream',
        authorization: `Bearer ${partnerToken}`,
      },
      body: JSON.stringify({ extensions: persisted(persistedOperationHashes.PartnerClaimStatusChanged) }),
      signal: stream.signal,
    });
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toContain('text/event-stream');
    stream.abort();
  });

  it('refuses a partner an unregistered subscription over WebSocket', async () => {
    const client = wsClient(system.gatewayUrl, partnerToken);
    try {
      const arbitrary = collect(client, 'subscription { claimStatusChanged { status } }');
      await arbitrary.until(1, WAIT_MS);
      expect(codesOf(arbitrary.errors)).toEqual(['PERSISTED_QUERY_ONLY']);
    } finally {
      await client.dispose();
    }
  });
});
