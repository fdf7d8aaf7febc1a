import { describeOperation, recordResultErrors, type ResultError } from '@cabinet/platform/telemetry';
import {
  ROOT_CONTEXT,
  SpanKind,
  SpanStatusCode,
  type Attributes,
  type Span,
  type Tracer,
} from '@opentelemetry/api';
import {
  ATTR_HTTP_REQUEST_METHOD,
  ATTR_HTTP_RESPONSE_STATUS_CODE,
  ATTR_URL_PATH,
} from '@opentelemetry/semantic-conventions';
import { getOperationAST, type DocumentNode } from 'graphql';
import { requestOf } from '../clientHeaders.ts';

/**
 * The server span of each client operation, started at the root of a new trace and kept by the
 * runtime's request for the operation until it ends. Only recording spans are kept.
 */
export function operationSpans(tracer: Tracer, graphqlPath: string) {
  const spans = new WeakMap<Request, Span>();

  const start = (request: Request, attributes: Attributes) => {
    const span = tracer.startSpan('GraphQL Operation', { kind: SpanKind.SERVER, attributes }, ROOT_CONTEXT);
    if (span.isRecording()) spans.set(request, span);
  };

  const of = (context: unknown): Span | undefined => {
    const request = requestOf(context);
    return request === undefined ? undefined : spans.get(request);
  };

  const release = (request: Request): Span | undefined => {
    const span = spans.get(request);
    spans.delete(request);
    return span;
  };

  return {
    /** An operation over HTTP starts with its request. */
    startOverHttp(request: Request, path: string): void {
      start(request, { [ATTR_HTTP_REQUEST_METHOD]: request.method, [ATTR_URL_PATH]: path });
    },

    /** An operation over WebSocket starts when its parameters are read. */
    startOverSocket(request: Request): void {
      if (!spans.has(request)) start(request, { [ATTR_URL_PATH]: graphqlPath });
    },

    has: (request: Request): boolean => spans.has(request),

    /** The span of the operation a GraphQL context belongs to. */
    of,

    /** Names the span after the operation once its document is known. */
    describe(context: unknown, document: unknown): void {
      const span = of(context);
      if (span === undefined) return;
      const operationName = (context as { params?: { operationName?: string | null } }).params?.operationName;
      const operation = getOperationAST(document as DocumentNode, operationName);
      describeOperation(span, operation?.operation, operationName ?? operation?.name?.value);
    },

    /** The errors of the results the client is sent, recorded on the span before it ends. */
    recordErrors(request: Request, results: readonly { errors?: readonly ResultError[] }[]): void {
      const span = spans.get(request);
      if (span === undefined) return;
      recordResultErrors(
        span,
        results.flatMap((result) => result.errors ?? []),
      );
    },

    /** An operation over HTTP ends with its response, failed by a 5xx status. */
    endWithResponse(request: Request, status: number): void {
      const span = release(request);
      if (span === undefined) return;
      span.setAttribute(ATTR_HTTP_RESPONSE_STATUS_CODE, status);
      if (status >= 500) span.setStatus({ code: SpanStatusCode.ERROR });
      span.end();
    },

    /** An operation over WebSocket ends with the first result the client is sent, or without one. */
    endWithAnswer(request: Request, errors: readonly ResultError[] | undefined): void {
      const span = release(request);
      if (span === undefined) return;
      recordResultErrors(span, errors);
      span.end();
    },
  };
}
