import {
  ATTR_GRAPHQL_OPERATION_NAME,
  ATTR_GRAPHQL_OPERATION_TYPE,
  ATTR_GRAPHQL_SUBGRAPH_NAME,
  describeOperation,
  endingAttempt,
  recordResultErrors,
  startHttpAttempt,
  traceHeaders,
  type ResultError,
} from '@cabinet/platform/telemetry';
import type { GatewayPlugin } from '@graphql-hive/gateway-runtime';
import { ROOT_CONTEXT, SpanKind, SpanStatusCode, trace, type Span } from '@opentelemetry/api';
import {
  ATTR_HTTP_REQUEST_METHOD,
  ATTR_HTTP_RESPONSE_STATUS_CODE,
  ATTR_URL_PATH,
} from '@opentelemetry/semantic-conventions';
import { getOperationAST, OperationTypeNode, type DocumentNode } from 'graphql';
import { operationType } from '../operationType.ts';

type FetchPayload = Parameters<NonNullable<GatewayPlugin['onFetch']>>[0];
type FetchInit = FetchPayload['options'];
type Fetch = FetchPayload['fetchFn'];

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
 */
export function useTracing(graphqlPath: string): GatewayPlugin {
  const tracer = trace.getTracer('@cabinet/gateway');
  const operations = new WeakMap<Request, Span>();
  const subgraphCalls = new WeakMap<object, Span>();

  const operationOf = (context: unknown): Span | undefined => {
    // The runtime's Request may be a ponyfill's, so it is looked up, not checked with instanceof.
    const request = requestOf(context);
    return request === undefined ? undefined : operations.get(request);
  };

  const answerSocketOperation = (request: Request, errors: readonly ResultError[] | undefined) => {
    const span = operations.get(request);
    if (span === undefined) return;
    operations.delete(request);
    recordResultErrors(span, errors);
    span.end();
  };

  return {
    onRequest({ request, url }) {
      if (url.pathname !== graphqlPath) return;
      const span = tracer.startSpan(
        'GraphQL Operation',
        {
          kind: SpanKind.SERVER,
          attributes: { [ATTR_HTTP_REQUEST_METHOD]: request.method, [ATTR_URL_PATH]: url.pathname },
        },
        ROOT_CONTEXT,
      );
      if (span.isRecording()) operations.set(request, span);
    },
    onParams({ request, context }) {
      if (!isSocketOperation(context) || operations.has(request)) return;
      const span = tracer.startSpan(
        'GraphQL Operation',
        { kind: SpanKind.SERVER, attributes: { [ATTR_URL_PATH]: graphqlPath } },
        ROOT_CONTEXT,
      );
      if (span.isRecording()) operations.set(request, span);
    },
    onValidate({ context, params }) {
      const span = operationOf(context);
      if (span === undefined) return;
      const operationName = (context as { params?: { operationName?: string | null } }).params?.operationName;
      const operation = getOperationAST(params.documentAST as DocumentNode, operationName);
      describeOperation(span, operation?.operation, operationName ?? operation?.name?.value);
    },
    onSubscribe({ args }) {
      const request = requestOf(args.contextValue);
      if (request === undefined || !operations.has(request) || !isSocketOperation(args.contextValue)) return;
      return {
        onSubscribeResult: ({ result }) => {
          if (!(Symbol.asyncIterator in result)) return;
          return {
            onNext: ({ result: event }) => answerSocketOperation(request, event.errors),
            onEnd: () => answerSocketOperation(request, undefined),
          };
        },
      };
    },
    onExecutionResult({ request, context, result }) {
      if (!isSocketOperation(context) || result === undefined || Symbol.asyncIterator in result) return;
      answerSocketOperation(request, result.errors);
    },
    onResultProcess({ request, result }) {
      const span = operations.get(request);
      if (span === undefined || Symbol.asyncIterator in result) return;
      recordResultErrors(span, (Array.isArray(result) ? result : [result]).flatMap(errorsOf));
    },
    onResponse({ request, response }) {
      const span = operations.get(request);
      if (span === undefined) return;
      operations.delete(request);
      span.setAttribute(ATTR_HTTP_RESPONSE_STATUS_CODE, response.status);
      if (response.status >= 500) span.setStatus({ code: SpanStatusCode.ERROR });
      span.end();
    },
    onSubgraphExecute(payload) {
      const { subgraphName, executionRequest } = payload;
      const operation = operationOf(executionRequest.context);
      if (operation === undefined) return;
      const document = executionRequest.document;
      const subgraphOperation = getOperationAST(document, executionRequest.operationName);
      const span = tracer.startSpan(
        `subgraph ${subgraphName}`,
        {
          kind: SpanKind.INTERNAL,
          attributes: {
            [ATTR_GRAPHQL_SUBGRAPH_NAME]: subgraphName,
            ...(subgraphOperation ? { [ATTR_GRAPHQL_OPERATION_TYPE]: subgraphOperation.operation } : {}),
            ...(executionRequest.operationName
              ? { [ATTR_GRAPHQL_OPERATION_NAME]: executionRequest.operationName }
              : {}),
          },
        },
        trace.setSpan(ROOT_CONTEXT, operation),
      );
      subgraphCalls.set(executionRequest, span);
      if (operationType(executionRequest) === OperationTypeNode.SUBSCRIPTION) {
        payload.setExecutionRequest({
          ...executionRequest,
          extensions: {
            ...executionRequest.extensions,
            ...traceHeaders(trace.setSpan(ROOT_CONTEXT, span)),
          },
        });
      }
      return ({ result }) => {
        // A subscription's stream outlives the call; the span covers setting it up.
        if (!(Symbol.asyncIterator in result)) recordResultErrors(span, result.errors);
        span.end();
      };
    },
    onFetch(payload) {
      const { url, options, executionRequest } = payload;
      const parent =
        (executionRequest && subgraphCalls.get(executionRequest)) ?? operationOf(payload.context);
      if (parent === undefined) return;
      const attempt = startHttpAttempt(
        tracer,
        options.method ?? 'GET',
        url,
        trace.setSpan(ROOT_CONTEXT, parent),
      );
      payload.setOptions(withHeaders(options, attempt.headers));
      payload.setFetchFn(endingSpan(payload.fetchFn, attempt.span));
    },
  };
}

function requestOf(context: unknown): Request | undefined {
  return (context as { request?: Request } | undefined)?.request;
}

/** The runtime's graphql-ws options give every WebSocket operation a context with the socket's `connectionParams`. */
function isSocketOperation(context: unknown): boolean {
  return typeof context === 'object' && context !== null && 'connectionParams' in context;
}

function errorsOf(result: { errors?: readonly ResultError[] | undefined }): readonly ResultError[] {
  return result.errors ?? [];
}

function withHeaders(init: FetchInit, extra: Record<string, string>): FetchInit {
  const headers = new Headers(init.headers);
  for (const [name, value] of Object.entries(extra)) headers.set(name, value);
  return { ...init, headers: Object.fromEntries(headers) };
}

function endingSpan(fetchFn: Fetch, span: Span): Fetch {
  return (url, init, context, info) =>
    endingAttempt(span, Promise.resolve(fetchFn(url, init, context, info)));
}
