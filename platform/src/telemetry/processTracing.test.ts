import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { trace } from '@opentelemetry/api';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startProcessTracing } from './processTracing.ts';
import type { OtlpProtocol, TracingSettings } from './telemetryConfig.ts';

interface Received {
  readonly path: string | undefined;
  readonly headers: IncomingHttpHeaders;
  readonly body: Buffer;
}

describe('process tracing', () => {
  let collector: Server;
  let received: Received[];
  let tracesUrl: string;

  beforeEach(async () => {
    received = [];
    collector = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (chunk: Buffer) => chunks.push(chunk));
      req.on('end', () => {
        received.push({ path: req.url, headers: req.headers, body: Buffer.concat(chunks) });
        res.writeHead(200, { 'content-type': req.headers['content-type'] ?? 'application/json' });
        res.end(req.headers['content-type'] === 'application/json' ? '{}' : '');
      });
    });
    await new Promise<void>((resolve) => collector.listen(0, '127.0.0.1', resolve));
    tracesUrl = `http://127.0.0.1:${(collector.address() as AddressInfo).port}/v1/traces`;
  });

  afterEach(async () => {
    await new Promise((resolve) => collector.close(resolve));
  });

  const settings = (protocol: OtlpProtocol, overrides: Partial<TracingSettings> = {}): TracingSettings => ({
    serviceName: 'policy',
    tracesUrl,
    protocol,
    exportTimeoutMs: 5_000,
    sampler: 'parentbased_always_on',
    samplerRatio: 1,
    // Long enough that only the shutdown sends the batch.
    scheduleDelayMs: 600_000,
    maxQueueSize: 100,
    ...overrides,
  });

  it.each([
    ['http/json', 'application/json'],
    ['http/protobuf', 'application/x-protobuf'],
  ] as const)('sends the queued spans over %s when it shuts down', async (protocol, contentType) => {
    const tracing = startProcessTracing(settings(protocol));
    trace.getTracer('test').startSpan('query CustomerPolicies').end();
    expect(received).toEqual([]);

    await tracing.shutdown();

    expect(received).toHaveLength(1);
    const [request] = received;
    expect(request?.path).toBe('/v1/traces');
    expect(request?.headers['content-type']).toBe(contentType);
    // Both encodings carry strings as UTF-8 bytes.
    expect(request?.body.includes('query CustomerPolicies')).toBe(true);
    expect(request?.body.includes('policy')).toBe(true);
  });

  it('names the service in the resource of every exported span', async () => {
    const tracing = startProcessTracing(settings('http/json', { serviceName: 'claims' }));
    trace.getTracer('test').startSpan('mutation SubmitClaim').end();
    await tracing.shutdown();

    const body = JSON.parse(received[0]?.body.toString() ?? '{}') as {
      resourceSpans: { resource: { attributes: { key: string; value: { stringValue?: string } }[] } }[];
    };
    const attributes = body.resourceSpans[0]?.resource.attributes ?? [];
    expect(attributes).toContainEqual({ key: 'service.name', value: { stringValue: 'claims' } });
  });

  it('records nothing when the sampler drops new traces', async () => {
    const tracing = startProcessTracing(settings('http/json', { sampler: 'always_off' }));
    const span = trace.getTracer('test').startSpan('query Dropped');
    expect(span.isRecording()).toBe(false);
    span.end();
    await tracing.shutdown();
    expect(received).toEqual([]);
  });

  it('leaves the global tracer a no-op after shutdown', async () => {
    const tracing = startProcessTracing(settings('http/json'));
    await tracing.shutdown();
    expect(trace.getTracer('test').startSpan('after shutdown').isRecording()).toBe(false);
  });
});
