import { GraphQLError } from 'graphql';
import type { ServerOptions } from 'graphql-ws';

/**
 * A refusal thrown while an operation's parameters are read (a persisted-documents refusal, say)
 * reaches the client as an error result: graphql-ws would otherwise put its message into the close
 * reason, and a Cyrillic one longer than a close frame allows brings the process down.
 */
export function refusalsAsResults<P extends Record<string, unknown> | undefined, E>(
  options: ServerOptions<P, E>,
): ServerOptions<P, E> {
  type Run = NonNullable<ServerOptions<P, E>['execute']>;
  const answering = (run: Run | undefined): Run | undefined =>
    run &&
    (async (args) => {
      try {
        return await run(args);
      } catch (error) {
        if (error instanceof GraphQLError) return { errors: [error] };
        throw error;
      }
    });
  return { ...options, execute: answering(options.execute), subscribe: answering(options.subscribe) };
}
