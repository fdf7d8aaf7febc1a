import { randomUUID } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Client } from 'graphql-ws';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { claimsCast, demoCast } from '../support/demoCast.ts';
import { submitClaim } from '../support/claimSubmission.ts';
import { collect, graphql, wsClient } from '../support/graphqlClient.ts';
import { eventually } from '../support/eventually.ts';
import { startTestSystem, type TestSystem } from '../support/testSystem.ts';

/** A span as OTLP/JSON carries it, with the service that sent it. */
interface ExportedSpan {
  readonly service: string;
  readonly traceId: string;
  readonly spanId: string;
  readonly parentSpanId?: string;
  readonly name: string;
  readonly kind: number;
  readonly attributes: Readonly<Record<string, unknown>>;
  readonly status: { readonly code?: number; readonly message?: string };
}

interface OtlpValue {
  stringValue?: string;
  intValue?: string | number;
  arrayValue?: { values?: OtlpValue[] };
}
interface OtlpAttribute {
  key: string;
  value: OtlpValue;
}
interface OtlpTraces {
  resourceSpans?: {
    resource?: { attributes?: OtlpAttribute[] };
    scopeSpans?: {
      spans?: (Omit<ExportedSpan, 'service' | 'attributes' | 'status'> & {
        attributes?: OtlpAttribute[];
        status?: ExportedSpan['status'];
      })[];
    }[];
  }[];
}

const INTERNAL = 1;
const SERVER = 2;
const CLIENT = 3;
const STATUS_ERROR = 2;

function valueOf(value: OtlpValue): unknown {
  if (value.arrayValue) return (value.arrayValue.values ?? []).map(valueOf);
  if (value.intValue !== undefined) return Number(value.intValue);
  return value.stringValue;
}

const attributesOf = (attributes: OtlpAttribute[] = []) =>
  Object.fromEntries(attributes.map(({ key, value }) => [key, valueOf(value)]));

/** An OTLP/HTTP receiver for JSON: keeps every span it is sent. */
async function startCollector(): Promise<{ url: string; spans: ExportedSpan[]; server: Server }> {
  const spans: ExportedSpan[] = [];
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      if (req.url !== '/v1/traces' || req.headers['content-type'] !== 'application/json') {
        res.writeHead(415).end();
        return;
      }
      const body = JSON.parse(Buffer.concat(chunks).toString()) as OtlpTraces;
      for (const resourceSpans of body.resourceSpans ?? []) {
        const service = String(attributesOf(resourceSpans.resource?.attributes)['service.name']);
        for (const scope of resourceSpans.scopeSpans ?? []) {
          for (const span of scope.spans ?? []) {
            spans.push({
              ...span,
              service,
              attributes: attributesOf(span.attributes),
              status: span.status ?? {},
            });
          }
        }
      }
      res.writeHead(200, { 'content-type': 'application/json' }).end('{}');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, spans, server };
}

const { customer, stranger, policy } = demoCast();
const { own, other } = claimsCast();

const OVERVIEW = /* GraphQL */ `
  query CustomerOverview {
    me {
      fullName
      policies(first: 50) {
        nodes {
          number
        }
      }
      claims {
        totalCount
      }
    }
  }
`;
const POLICY_CARD = /* GraphQL */ `
  query PolicyCard($id: UUID!) {
    policy(id: $id) {
      number
    }
  }
`;
const FOLLOW_CLAIM = /* GraphQL */ `
  subscription FollowClaim($claimId: UUID) {
    claimStatusChanged(claimId: $claimId) {
      claimId
      status
    }
  }
`;

describe('OpenTelemetry traces across the gateway and the subgraphs', () => {
  let collector: Awaited<ReturnType<typeof startCollector>>;
  let system: TestSystem;
  let customerToken: string;
  let strangerToken: string;
  let claimantToken: string;
  let otherClaimantToken: string;
  const clients: Client[] = [];

  beforeAll(async () => {
    collector = await startCollector();
    system = await startTestSystem({
      env: {
        OTEL_EXPORTER_OTLP_ENDPOINT: collector.url,
        OTEL_EXPORTER_OTLP_PROTOCOL: 'http/json',
        OTEL_BSP_SCHEDULE_DELAY: '50',
      },
    });
    const session = { kind: 'customer', sessionId: randomUUID(), trusted: true } as const;
    customerToken = await system.token({ ...session, customerId: customer.id });
    strangerToken = await system.token({ ...session, customerId: stranger.id });
    claimantToken = await system.token({ ...session, customerId: own.customer.id });
    otherClaimantToken = await system.token({ ...session, customerId: other.customer.id });
  });
  afterEach(() => {
    for (const made of clients.splice(0)) void made.dispose();
  });
  afterAll(async () => {
    await system?.shutdown();
    await new Promise((resolve) => collector?.server.close(resolve));
  });

  /**
   * The trace the gateway started for the operation (`query CustomerOverview`), once every service in
   * `services` has sent its spans.
   */
  const traceOf = async (operation: string, services: readonly string[]): Promise<ExportedSpan[]> => {
    const root = () => collector.spans.find((span) => span.service === 'gateway' && span.name === operation);
    const spansOf = (traceId: string) => collector.spans.filter((span) => span.traceId === traceId);
    const traceId = await eventually(
      () => {
        const found = root();
        if (!found) return undefined;
        const seen = new Set(spansOf(found.traceId).map((span) => span.service));
        return services.every((service) => seen.has(service)) ? found.traceId : undefined;
      },
      { what: `the trace of ${operation} from ${services.join(', ')}` },
    );
    return spansOf(traceId);
  };

  it('one trace per operation starts at the gateway and continues in every subgraph it calls', async () => {
    const response = await graphql(system.gatewayUrl, OVERVIEW, { token: customerToken });
    expect(response.errors).toBeUndefined();

    const spans = await traceOf('query CustomerOverview', ['gateway', 'identity', 'policy', 'claims']);
    const byId = new Map(spans.map((span) => [span.spanId, span]));
    const root = spans.find((span) => span.service === 'gateway' && span.kind === SERVER);
    expect(root).toMatchObject({
      name: 'query CustomerOverview',
      attributes: { 'graphql.operation.name': 'CustomerOverview', 'graphql.operation.type': 'query' },
    });
    expect(root?.parentSpanId ?? '').toBe('');
    expect(root?.status.code).not.toBe(STATUS_ERROR);

    for (const service of ['identity', 'policy', 'claims']) {
      const served = spans.filter((span) => span.service === service && span.kind === SERVER);
      expect(served.length, `${service} server spans`).toBeGreaterThan(0);
      for (const span of served) {
        expect(span.attributes['graphql.operation.type']).toBe('query');
        // subgraph server span ← gateway fetch span ← gateway subgraph call span ← gateway operation span
        const fetch = byId.get(span.parentSpanId ?? '');
        expect(fetch).toMatchObject({ service: 'gateway', kind: CLIENT, name: 'POST' });
        const call = byId.get(fetch?.parentSpanId ?? '');
        expect(call).toMatchObject({
          service: 'gateway',
          name: `subgraph ${service}`,
          attributes: { 'graphql.subgraph.name': service },
        });
        expect(call?.parentSpanId).toBe(root?.spanId);
      }
    }
  });

  it("a refused read records the error code on the gateway's span and on the subgraph's", async () => {
    const refused = await graphql(system.gatewayUrl, POLICY_CARD, {
      token: strangerToken,
      variables: { id: policy.id },
    });
    expect(refused.errors?.[0]?.extensions?.['code']).toBe('POLICY_NOT_FOUND');

    const spans = await traceOf('query PolicyCard', ['gateway', 'policy']);
    const failed = [
      spans.find((span) => span.service === 'gateway' && span.kind === SERVER),
      spans.find((span) => span.service === 'gateway' && span.name === 'subgraph policy'),
      spans.find((span) => span.service === 'policy' && span.kind === SERVER),
    ];
    for (const span of failed) {
      expect(span?.status.code).toBe(STATUS_ERROR);
      expect(span?.attributes['graphql.error.codes']).toEqual(['POLICY_NOT_FOUND']);
    }
    expect(failed[2]?.attributes['graphql.operation.type']).toBe('query');
  });

  it('the public endpoint starts its own trace whatever traceparent a client sends', async () => {
    const clientTraceId = '0af7651916cd43dd8448eb211c80319c';
    const response = await fetch(system.gatewayUrl, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        authorization: `Bearer ${customerToken}`,
        traceparent: `00-${clientTraceId}-b7ad6b7169203331-01`,
      },
      body: JSON.stringify({
        query: POLICY_CARD.replace('PolicyCard', 'ClientTraced'),
        variables: { id: policy.id },
      }),
    });
    expect(response.status).toBe(200);

    const spans = await traceOf('query ClientTraced', ['gateway', 'policy']);
    expect(spans[0]?.traceId).not.toBe(clientTraceId);
    expect(collector.spans.some((span) => span.traceId === clientTraceId)).toBe(false);
  });

  /** The span's ancestors within its trace, nearest first. */
  const ancestorsOf = (span: ExportedSpan | undefined, spans: readonly ExportedSpan[]): ExportedSpan[] => {
    const byId = new Map(spans.map((each) => [each.spanId, each]));
    const chain: ExportedSpan[] = [];
    for (
      let parent = byId.get(span?.parentSpanId ?? '');
      parent;
      parent = byId.get(parent.parentSpanId ?? '')
    ) {
      chain.push(parent);
    }
    return chain;
  };

  async function submitted(token: string, policyId: string, operationName = 'SubmitClaim'): Promise<string> {
    const response = await submitClaim(system.gatewayUrl, token, policyId, { operationName });
    expect(response.errors).toBeUndefined();
    return response.data!.submitClaim.id;
  }

  function follow(token: string, operation: string, claimId: string) {
    const client = wsClient(system.gatewayUrl, token);
    clients.push(client);
    return collect(client, FOLLOW_CLAIM.replace('FollowClaim', operation), { claimId });
  }

  /** The gateway's span of a WebSocket operation and the subgraph span that continues it, in one trace. */
  function socketOperation(spans: readonly ExportedSpan[], operation: string) {
    const gateway = spans.find((span) => span.service === 'gateway' && span.kind === SERVER);
    const claims = spans.find((span) => span.service === 'claims' && span.kind === SERVER);
    expect(gateway).toMatchObject({
      name: `subscription ${operation}`,
      attributes: { 'graphql.operation.name': operation, 'graphql.operation.type': 'subscription' },
    });
    expect(gateway?.parentSpanId ?? '').toBe('');
    expect(claims).toMatchObject({
      name: `subscription ${operation}`,
      attributes: { 'graphql.operation.type': 'subscription' },
    });
    // claims' setup span ← gateway subgraph call span ← gateway operation span
    const [call, root] = ancestorsOf(claims, spans);
    expect(call).toMatchObject({
      service: 'gateway',
      kind: INTERNAL,
      name: 'subgraph claims',
      attributes: { 'graphql.subgraph.name': 'claims', 'graphql.operation.type': 'subscription' },
    });
    expect(root?.spanId).toBe(gateway?.spanId);
    return { gateway, claims };
  }

  it("a subscription over WebSocket is one trace: the gateway's operation span and claims' setup span under it", async () => {
    const claimId = await submitted(claimantToken, own.policy.id, 'SubmitFollowedClaim');
    const follower = follow(claimantToken, 'FollowOwnClaim', claimId);
    const claimsSetUp = () =>
      collector.spans.some(
        (span) => span.service === 'claims' && span.name === 'subscription FollowOwnClaim',
      );
    await eventually(claimsSetUp, { what: 'claims set the subscription up' });
    expect(follower.errors).toEqual([]);
    // The gateway's span ends with the first event or when the client leaves.
    follower.unsubscribe();

    const spans = await traceOf('subscription FollowOwnClaim', ['gateway', 'claims']);
    const { gateway, claims } = socketOperation(spans, 'FollowOwnClaim');
    for (const span of [gateway, claims]) {
      expect(span?.status.code).not.toBe(STATUS_ERROR);
      expect(span?.attributes['graphql.error.codes']).toBeUndefined();
    }
  });

  it("a subscription refused by claims records the error code on the gateway's span and on claims'", async () => {
    const claimId = await submitted(claimantToken, own.policy.id, 'SubmitForeignClaim');
    const intruder = follow(otherClaimantToken, 'FollowForeignClaim', claimId);
    await intruder.until(0);
    await eventually(() => intruder.completed, { what: 'the intruder refused' });
    expect(JSON.stringify(intruder.errors)).toContain('CLAIM_NOT_FOUND');

    const spans = await traceOf('subscription FollowForeignClaim', ['gateway', 'claims']);
    for (const span of Object.values(socketOperation(spans, 'FollowForeignClaim'))) {
      expect(span?.status.code).toBe(STATUS_ERROR);
      expect(span?.attributes['graphql.error.codes']).toEqual(['CLAIM_NOT_FOUND']);
    }
  });

  it("a claim submitted through the gateway continues from claims into policy through claims' client span", async () => {
    await submitted(claimantToken, own.policy.id);

    const spans = await traceOf('mutation SubmitClaim', ['gateway', 'claims', 'policy']);
    const claims = spans.find((span) => span.service === 'claims' && span.kind === SERVER);
    expect(claims?.attributes['graphql.operation.type']).toBe('mutation');
    const policyChecks = spans.filter((span) => span.service === 'policy' && span.kind === SERVER);
    expect(policyChecks.length).toBeGreaterThan(0);
    for (const check of policyChecks) {
      expect(check.attributes['graphql.operation.name']).toBe('ClaimPolicy');
      // policy server span ← claims client span ← claims server span
      const [attempt, caller] = ancestorsOf(check, spans);
      expect(attempt).toMatchObject({ service: 'claims', kind: CLIENT, name: 'POST' });
      expect(caller?.spanId).toBe(claims?.spanId);
    }
  });
});
