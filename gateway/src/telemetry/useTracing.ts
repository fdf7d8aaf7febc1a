import {
  ATTR_GRAPHQL_OPERATION_NAME,
  ATTR_GRAPHQL_OPERATION_TYPE,
  ATTR_GRAPHQL_SUBGRAPH_NAME,
  describeOperation,
  recordResultErrors,
  traceHeaders,
  type ResultError,
} from '@cabinet/platform/telemetry';
import type { GatewayPlugin } from '@graphql-hive/gateway-runtime';
import { ROOT_CONTEXT, SpanKind, SpanStatusCode, trace, type Span } from '@opentelemetry/api';
import {
  ATTR_HTTP_REQUEST_METHOD,
  ATTR_HTTP_RESPONSE_STATUS_CODE,
  ATTR_SERVER_ADDRESS,
  ATTR_SERVER_PORT,
  ATTR_URL_FULL,
  ATTR_URL_PATH,
} from '@opentelemetry/semantic-conventions';
import { getOperationAST, type DocumentNode } from 'graphql';

type FetchPayload = Parameters<NonNullable<GatewayPlugin['onFetch']>>[0];
type FetchInit = FetchPayload['options'];
type Fetch = FetchPayload['fetchFn'];

/**
 * One trace per client operation over HTTP, rooted at the gateway: a server span for the operation
 * (named after it, failed with the codes of the errors the client gets), a child span per subgraph
 * call, and under it a client span per HTTP attempt (retries included) whose W3C `traceparent` the
 * subgraph continues. Client-sent trace headers are not followed: the public endpoint starts every
 * trace itself. While tracing is off every span is non-recording and nothing else is done.
 */
export function useTracing(graphqlPath: string): GatewayPlugin {
  const tracer = trace.getTracer('@cabinet/gateway');
  const operations = new WeakMap<Request, Span>();
  const subgraphCalls = new WeakMap<object, Span>();

  const operationOf = (context: unknown): Span | undefined => {
    // The runtime's Request may be a ponyfill's, so it is looked up, not checked with instanceof.
    const request = (context as { request?: Request } | undefined)?.request;
    return request === undefined ? undefined : operations.get(request);
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
    onValidate({ context, params }) {
      const span = operationOf(context);
      if (span === undefined) return;
      const operationName = (context as { params?: { operationName?: string | null } }).params?.operationName;
      const operation = getOperationAST(params.documentAST as DocumentNode, operationName);
      describeOperation(span, operation?.operation, operationName ?? operation?.name?.value);
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
    onSubgraphExecute({ subgraphName, executionRequest }) {
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
      const method = options.method ?? 'GET';
      const target = new URL(url);
      const span = tracer.startSpan(
        method,
        {
          kind: SpanKind.CLIENT,
          attributes: {
            [ATTR_HTTP_REQUEST_METHOD]: method,
            [ATTR_URL_FULL]: url,
            [ATTR_SERVER_ADDRESS]: target.hostname,
            [ATTR_SERVER_PORT]: Number(target.port || (target.protocol === 'https:' ? 443 : 80)),
          },
        },
        trace.setSpan(ROOT_CONTEXT, parent),
      );
      payload.setOptions(withHeaders(options, traceHeaders(trace.setSpan(ROOT_CONTEXT, span))));
      payload.setFetchFn(endingSpan(payload.fetchFn, span));
    },
  };
}

function errorsOf(result: { errors?: readonly ResultError[] | undefined }): readonly ResultError[] {
  return result.errors ?? [];
}

function withHeaders(init: FetchInit, extra: Record<string, string>): FetchInit {
  const headers = new Headers(init.headers);
  for (const [name, value] of Object.entries(extra)) headers.set(name, value);
  return { ...init, headers: Object.fromEntries(headers) };
}

/** Ends the attempt's span however the fetch ends: a timeout or refused connection rejects. */
function endingSpan(fetchFn: Fetch, span: Span): Fetch {
  return (url, init, context, info) =>
    Promise.resolve(fetchFn(url, init, context, info)).then(
      (response) => {
        span.setAttribute(ATTR_HTTP_RESPONSE_STATUS_CODE, response.status);
        if (response.status >= 400) span.setStatus({ code: SpanStatusCode.ERROR });
        span.end();
        return response;
      },
      (error: unknown) => {
        span.setStatus({
          code: SpanStatusCode.ERROR,
          message: error instanceof Error ? error.message : String(error),
        });
        span.end();
        throw error;
      },
    );
}
