import {
  context,
  SpanKind,
  SpanStatusCode,
  trace,
  type Context,
  type Span,
  type Tracer,
} from '@opentelemetry/api';
import {
  ATTR_HTTP_REQUEST_METHOD,
  ATTR_HTTP_RESPONSE_STATUS_CODE,
  ATTR_SERVER_ADDRESS,
  ATTR_SERVER_PORT,
  ATTR_URL_FULL,
} from '@opentelemetry/semantic-conventions';
import { traceHeaders } from './traceContext.ts';

/** One outgoing HTTP attempt: its client span and the W3C headers that make the callee's spans its children. */
export interface HttpClientAttempt {
  readonly span: Span;
  readonly headers: Record<string, string>;
}

/** The tracer of a module that makes HTTP calls; it records once the process's tracing has started. */
export function httpClientTracer(instrumentationName: string): Tracer {
  return trace.getTracer(instrumentationName);
}

/**
 * Starts the client span of one HTTP attempt (each retry is an attempt of its own) under `parent`,
 * by default the active span: the request a subgraph is serving.
 */
export function startHttpAttempt(
  tracer: Tracer,
  method: string,
  url: string,
  parent: Context = context.active(),
): HttpClientAttempt {
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
    parent,
  );
  return { span, headers: traceHeaders(trace.setSpan(parent, span)) };
}

/** Ends the attempt's span however the response ends: a timeout or a refused connection rejects. */
export function endingAttempt<T extends { readonly status: number }>(
  span: Span,
  response: Promise<T>,
): Promise<T> {
  return response.then(
    (answered) => {
      span.setAttribute(ATTR_HTTP_RESPONSE_STATUS_CODE, answered.status);
      if (answered.status >= 400) span.setStatus({ code: SpanStatusCode.ERROR });
      span.end();
      return answered;
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
