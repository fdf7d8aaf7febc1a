import type { ApolloServerPlugin, BaseContext } from '@apollo/server';
import { SpanKind, trace } from '@opentelemetry/api';
import { ATTR_HTTP_RESPONSE_STATUS_CODE } from '@opentelemetry/semantic-conventions';
import { describeOperation, recordResultErrors } from './graphqlSpans.ts';
import { continueIn } from './activeContext.ts';
import { traceContextFrom } from './traceContext.ts';

/**
 * One server span per GraphQL request a subgraph answers, a child of the span named by the request's
 * W3C `traceparent` (the gateway's fetch span), named after the operation and marked failed with the
 * codes of the errors sent back. It is the active span while the request executes, so the calls its
 * resolvers make continue the trace. Costs one non-recording span per request while tracing is off.
 */
export function subgraphTracingPlugin<TContext extends BaseContext>(): ApolloServerPlugin<TContext> {
  const tracer = trace.getTracer('@cabinet/platform/subgraph');
  return {
    requestDidStart({ request }) {
      const caller = traceContextFrom(request.http?.headers);
      const span = tracer.startSpan('GraphQL Operation', { kind: SpanKind.SERVER }, caller);
      if (!span.isRecording()) return Promise.resolve(undefined);
      // Apollo has no hook that wraps the request's execution, so the span is entered here. On Node 20
      // the entered context also reaches the promises that await the request (the HTTP handler's own
      // chain), never another request's.
      continueIn(trace.setSpan(caller, span));
      return Promise.resolve({
        didResolveOperation({ operation, operationName }) {
          describeOperation(span, operation?.operation, operationName ?? undefined);
          return Promise.resolve();
        },
        willSendResponse({ response }) {
          const body = response.body;
          recordResultErrors(
            span,
            body.kind === 'single' ? body.singleResult.errors : body.initialResult.errors,
          );
          if (response.http.status !== undefined) {
            span.setAttribute(ATTR_HTTP_RESPONSE_STATUS_CODE, response.http.status);
          }
          span.end();
          return Promise.resolve();
        },
      });
    },
  };
}
