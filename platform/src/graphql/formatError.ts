import { GraphQLError, type GraphQLFormattedError } from 'graphql';
import { unwrapResolverError } from '@apollo/server/errors';
import type { Logger } from '../logging/logger.ts';
import { CommonErrors, isDomainError } from '@cabinet/kernel';

/**
 * Codes produced by GraphQL itself (parse, validation, variable coercion) and by the refusals made before
 * any resolver runs (internal-only access, operation limits): safe to pass through.
 */
const graphqlCodes = new Set([
  'GRAPHQL_PARSE_FAILED',
  'GRAPHQL_VALIDATION_FAILED',
  'BAD_USER_INPUT',
  'PERSISTED_QUERY_NOT_FOUND',
  'PERSISTED_QUERY_NOT_SUPPORTED',
  'OPERATION_RESOLUTION_FAILURE',
  'BAD_REQUEST',
  'UNAUTHENTICATED',
  'INTERNAL_ONLY',
  'QUERY_TOO_DEEP',
  'TOO_MANY_ALIASES',
  'TOO_MANY_TOKENS',
  'QUERY_TOO_EXPENSIVE',
  'TOO_MANY_REPRESENTATIONS',
]);

/**
 * Apollo reports what a validation rule refused under its own GRAPHQL_VALIDATION_FAILED; the
 * operation limits' own code (QUERY_TOO_DEEP, TOO_MANY_ALIASES) is kept on the original error.
 */
function codeOf(formatted: GraphQLFormattedError, error: unknown): unknown {
  const original = error instanceof GraphQLError ? error.originalError : undefined;
  const own = original instanceof GraphQLError ? original.extensions['code'] : undefined;
  return typeof own === 'string' && graphqlCodes.has(own) ? own : formatted.extensions?.['code'];
}

/**
 * Turns whatever a resolver threw into a client-safe error: domain errors keep their code and Russian
 * message, GraphQL's own errors pass through, and anything unexpected is logged and hidden behind
 * INTERNAL_SERVER_ERROR so no stack trace or internal detail ever leaves the service.
 */
export function createErrorFormatter(log: Logger) {
  return (formatted: GraphQLFormattedError, error: unknown): GraphQLFormattedError => {
    const original = unwrapResolverError(error);
    const base = { locations: formatted.locations, path: formatted.path };
    if (isDomainError(original)) {
      return { ...base, message: original.message, extensions: { code: original.code, ...original.details } };
    }
    const code = codeOf(formatted, error);
    if (typeof code === 'string' && graphqlCodes.has(code)) {
      return { ...base, message: formatted.message, extensions: { code } };
    }
    log.error({ err: original, path: formatted.path }, 'unexpected error in resolver');
    const internal = CommonErrors.internal();
    return { ...base, message: internal.message, extensions: { code: internal.code } };
  };
}
