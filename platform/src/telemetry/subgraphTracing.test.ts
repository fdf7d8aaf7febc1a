import { ApolloServer } from '@apollo/server';
import { context, trace } from '@opentelemetry/api';
import {
  BasicTracerProvider,
  InMemorySpanExporter,
  SimpleSpanProcessor,
} from '@opentelemetry/sdk-trace-base';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { asyncContextManager } from './activeContext.ts';
import { subgraphTracingPlugin } from './subgraphTracing.ts';

describe('subgraph request spans', () => {
  let exporter: InMemorySpanExporter;
  let provider: BasicTracerProvider;

  beforeEach(() => {
    exporter = new InMemorySpanExporter();
    provider = new BasicTracerProvider({ spanProcessors: [new SimpleSpanProcessor(exporter)] });
    trace.setGlobalTracerProvider(provider);
    context.setGlobalContextManager(asyncContextManager);
  });
  afterEach(async () => {
    trace.disable();
    context.disable();
    await provider.shutdown();
  });

  it("are the active span of each request's resolvers, concurrent requests each their own", async () => {
    const activeIn = new Map<string, string | undefined>();
    const server = new ApolloServer({
      typeDefs: 'type Query { claimPolicy(id: ID!): ID }',
      resolvers: {
        Query: {
          claimPolicy: async (_: unknown, { id }: { id: string }) => {
            // Outgoing calls are made after awaits, as a policy check is.
            await new Promise((resolve) => setTimeout(resolve, 5));
            activeIn.set(id, trace.getActiveSpan()?.spanContext().spanId);
            return id;
          },
        },
      },
      plugins: [subgraphTracingPlugin()],
    });
    await server.start();

    await Promise.all(
      ['first', 'second'].map((id) =>
        server.executeOperation({
          query: `query ClaimPolicy_${id} { claimPolicy(id: "${id}") }`,
        }),
      ),
    );
    await server.stop();

    const served = new Map(exporter.getFinishedSpans().map((span) => [span.name, span.spanContext().spanId]));
    expect(activeIn.get('first')).toBe(served.get('query ClaimPolicy_first'));
    expect(activeIn.get('second')).toBe(served.get('query ClaimPolicy_second'));
    expect(activeIn.get('first')).not.toBe(activeIn.get('second'));
  });
});
