import { endingAttempt, startHttpAttempt } from '@cabinet/platform/telemetry';
import type { GatewayPlugin } from '@graphql-hive/gateway-runtime';
import { ROOT_CONTEXT, trace, type Span, type Tracer } from '@opentelemetry/api';

type FetchPayload = Parameters<NonNullable<GatewayPlugin['onFetch']>>[0];
type FetchInit = FetchPayload['options'];
type Fetch = FetchPayload['fetchFn'];

/**
 * A client span per HTTP attempt (retries included) under `parent`, ended with the attempt; the
 * request carries its W3C `traceparent`, which the subgraph continues.
 */
export function traceFetchAttempt(tracer: Tracer, payload: FetchPayload, parent: Span): void {
  const { url, options } = payload;
  const attempt = startHttpAttempt(tracer, options.method ?? 'GET', url, trace.setSpan(ROOT_CONTEXT, parent));
  payload.setOptions(withHeaders(options, attempt.headers));
  payload.setFetchFn(endingSpan(payload.fetchFn, attempt.span));
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
