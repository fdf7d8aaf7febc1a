import { ROOT_CONTEXT, type Context, type TextMapGetter } from '@opentelemetry/api';
import { W3CTraceContextPropagator } from '@opentelemetry/core';

/** Headers as Fetch, Apollo's HeaderMap and Node's incoming messages expose them. */
export interface ReadableHeaders {
  get(name: string): string | null | undefined;
}

const w3c = new W3CTraceContextPropagator();

const headerGetter: TextMapGetter<ReadableHeaders> = {
  get: (headers, key) => headers.get(key) ?? undefined,
  keys: () => [],
};

/** The caller's span as W3C `traceparent`/`tracestate` name it; the root context when they are absent or malformed. */
export function traceContextFrom(headers: ReadableHeaders | undefined): Context {
  return headers === undefined ? ROOT_CONTEXT : w3c.extract(ROOT_CONTEXT, headers, headerGetter);
}

/**
 * The same, read from fields of a message rather than headers: a graphql-ws subscribe message's
 * `extensions`, where a gateway puts `traceparent` since one shared connection carries many traces.
 */
export function traceContextFromFields(
  fields: Readonly<Record<string, unknown>> | null | undefined,
): Context {
  if (!fields) return ROOT_CONTEXT;
  return traceContextFrom({
    get: (name) => {
      const value = fields[name];
      return typeof value === 'string' ? value : undefined;
    },
  });
}

/** The W3C headers (or extension fields) that make a callee's spans children of the context's span; none for an invalid span. */
export function traceHeaders(context: Context): Record<string, string> {
  const headers: Record<string, string> = {};
  w3c.inject(context, headers, {
    set: (carrier: Record<string, string>, key, value) => {
      carrier[key] = value;
    },
  });
  return headers;
}
