import { SpanStatusCode, type Span } from '@opentelemetry/api';
import { ATTR_ERROR_TYPE } from '@opentelemetry/semantic-conventions';

/** From the incubating GraphQL semantic conventions, which are not to be imported as a stable API. */
export const ATTR_GRAPHQL_OPERATION_NAME = 'graphql.operation.name';
export const ATTR_GRAPHQL_OPERATION_TYPE = 'graphql.operation.type';
/** Ours: the `extensions.code` of every error in the result, each once, in order of first appearance. */
export const ATTR_GRAPHQL_ERROR_CODES = 'graphql.error.codes';
export const ATTR_GRAPHQL_ERROR_COUNT = 'graphql.error.count';
/** Ours: the subgraph a gateway span calls. */
export const ATTR_GRAPHQL_SUBGRAPH_NAME = 'graphql.subgraph.name';

/** An error as a result carries it, before or after formatting. */
export interface ResultError {
  readonly extensions?: Readonly<Record<string, unknown>> | undefined;
}

const UNCODED = 'UNKNOWN';

/**
 * Names a span after the operation it serves, the way the GraphQL conventions ask:
 * `query CustomerPolicies`, `query` for an anonymous one.
 */
export function describeOperation(span: Span, type: string | undefined, name: string | undefined): void {
  if (type === undefined) return;
  span.setAttribute(ATTR_GRAPHQL_OPERATION_TYPE, type);
  if (name) span.setAttribute(ATTR_GRAPHQL_OPERATION_NAME, name);
  span.updateName(name ? `${type} ${name}` : type);
}

/** Marks the span failed with the codes of a result's errors; a result without errors changes nothing. */
export function recordResultErrors(span: Span, errors: readonly ResultError[] | undefined): void {
  if (errors === undefined || errors.length === 0) return;
  const codes = [...new Set(errors.map(codeOf))];
  span.setAttribute(ATTR_GRAPHQL_ERROR_CODES, codes);
  span.setAttribute(ATTR_GRAPHQL_ERROR_COUNT, errors.length);
  span.setAttribute(ATTR_ERROR_TYPE, codes[0] ?? UNCODED);
  span.setStatus({ code: SpanStatusCode.ERROR, message: codes.join(', ') });
}

function codeOf(error: ResultError): string {
  const code = error.extensions?.['code'];
  return typeof code === 'string' ? code : UNCODED;
}
