import { isDomainError } from '@cabinet/platform';
import { GraphQLError } from 'graphql';

/**
 * A refusal as a subscription must throw it. graphql-ws sends a subscription's setup error as
 * graphql-js built it, without the error formatter that gives queries their `extensions.code`; a
 * GraphQLError carrying the code keeps it on the way to the client.
 */
export function withErrorCode(error: unknown): unknown {
  if (!isDomainError(error)) return error;
  return new GraphQLError(error.message, {
    extensions: { code: error.code, ...error.details },
    originalError: error,
  });
}
