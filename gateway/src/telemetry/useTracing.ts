import type { GatewayPlugin } from '@graphql-hive/gateway-runtime';
import { trace } from '@opentelemetry/api';
import { traceFetchAttempt } from './fetchAttemptSpans.ts';
import { requestOf } from '../clientHeaders.ts';
import { operationSpans } from './operationSpans.ts';
import { subgraphCallSpans } from './subgraphCallSpans.ts';

/**
 * One trace per client operation, rooted at the gateway: a server span for the operation (named after
 * it, failed with the codes of the errors the client gets), a child span per subgraph call, and under
 * it a client span per HTTP attempt (retries included) whose W3C `traceparent` the subgraph continues.
 * A subscription's upstream WebSocket is shared by many traces, so its subscribe message carries the
 * subgraph call's `traceparent` in `extensions` instead. Client-sent trace headers are not followed:
 * the public endpoint starts every trace itself. While tracing is off every span is non-recording and
 * nothing else is done.
 *
 * Over HTTP the operation's span ends with the response. Over WebSocket it ends with the first result
 * the client is sent, or the end of the operation: for a subscription that is its refusal (a subgraph
 * answers one with an error result and completes), its first event, or the client leaving. Events
 * after the first get no spans, and the span is let go as soon as it ends.
 *
 * Ours rather than `@graphql-hive/plugin-opentelemetry` (1.5.3, tried against runtime 2.12.1): that
 * plugin traces nothing run over graphql-ws (the runtime's WebSocket options call Yoga's
 * `getResultForParams`, past the `operation` instrumentation its spans hang from), puts no
 * `traceparent` in upstream subscribe messages, records error codes only on its `graphql.execute`
 * span (neither the operation's nor the subgraph call's), and brings ~220 packages with it.
 */
export function useTracing(graphqlPath: string): GatewayPlugin {
  const tracer = trace.getTracer('@cabinet/gateway');
  const operations = operationSpans(tracer, graphqlPath);
  const subgraphCalls = subgraphCallSpans(tracer);

  return {
    onRequest({ request, url }) {
      if (url.pathname === graphqlPath) operations.startOverHttp(request, url.pathname);
    },
    onParams({ request, context }) {
      if (isSocketOperation(context)) operations.startOverSocket(request);
    },
    onValidate({ context, params }) {
      operations.describe(context, params.documentAST);
    },
    onSubscribe({ args }) {
      const request = requestOf(args.contextValue);
      if (request === undefined || !operations.has(request) || !isSocketOperation(args.contextValue)) return;
      return {
        onSubscribeResult: ({ result }) => {
          if (!(Symbol.asyncIterator in result)) return;
          return {
            onNext: ({ result: event }) => operations.endWithAnswer(request, event.errors),
            onEnd: () => operations.endWithAnswer(request, undefined),
          };
        },
      };
    },
    onExecutionResult({ request, context, result }) {
      if (!isSocketOperation(context) || result === undefined || Symbol.asyncIterator in result) return;
      operations.endWithAnswer(request, result.errors);
    },
    onResultProcess({ request, result }) {
      if (Symbol.asyncIterator in result) return;
      operations.recordErrors(request, Array.isArray(result) ? result : [result]);
    },
    onResponse({ request, response }) {
      operations.endWithResponse(request, response.status);
    },
    onSubgraphExecute(payload) {
      const operation = operations.of(payload.executionRequest.context);
      if (operation === undefined) return;
      return subgraphCalls.start(payload, operation);
    },
    onFetch(payload) {
      const { executionRequest } = payload;
      const parent =
        (executionRequest && subgraphCalls.of(executionRequest)) ?? operations.of(payload.context);
      if (parent !== undefined) traceFetchAttempt(tracer, payload, parent);
    },
  };
}

/** The runtime's graphql-ws options give every WebSocket operation a context with the socket's `connectionParams`. */
function isSocketOperation(context: unknown): boolean {
  return typeof context === 'object' && context !== null && 'connectionParams' in context;
}
