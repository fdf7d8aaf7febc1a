import { randomUUID } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoCast } from '../support/demoRegistry.ts';
import { graphql } from '../support/graphqlClient.ts';
import { eventually } from '../support/prometheus.ts';
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
  query PolicyCard($id: ID!) {
    policy(id: $id) {
      number
    }
  }
`;

describe('OpenTelemetry traces across the gateway and the subgraphs', () => {
  let collector: Awaited<ReturnType<typeof startCollector>>;
  let system: TestSystem;
  let customerToken: string;
  let strangerToken: string;

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
  });
  afterAll(async () => {
    await system?.shutdown();
    await new Promise((resolve) => collector?.server.close(resolve));
  });

  /** The trace the gateway started for the operation, once every service in `services` has sent its spans. */
  const traceOf = async (operation: string, services: readonly string[]): Promise<ExportedSpan[]> => {
    const root = () =>
      collector.spans.find((span) => span.service === 'gateway' && span.name === `query ${operation}`);
    const spansOf = (traceId: string) => collector.spans.filter((span) => span.traceId === traceId);
    await eventually(
      async () => {
        const found = root();
        if (!found) return false;
        const seen = new Set(spansOf(found.traceId).map((span) => span.service));
        return Promise.resolve(services.every((service) => seen.has(service)));
      },
      `the trace of ${operation} from ${services.join(', ')}`,
    );
    return spansOf(root()?.traceId ?? '');
  };

  it('one trace per operation starts at the gateway and continues in every subgraph it calls', async () => {
    const response = await graphql(system.gatewayUrl, OVERVIEW, { token: customerToken });
    expect(response.errors).toBeUndefined();

    const spans = await traceOf('CustomerOverview', ['gateway', 'identity', 'policy', 'claims']);
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

    const spans = await traceOf('PolicyCard', ['gateway', 'policy']);
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

    const spans = await traceOf('ClientTraced', ['gateway', 'policy']);
    expect(spans[0]?.traceId).not.toBe(clientTraceId);
    expect(collector.spans.some((span) => span.traceId === clientTraceId)).toBe(false);
  });
});
