import type { GatewayPlugin } from '@graphql-hive/gateway-runtime';
import { russianInputError } from '@cabinet/platform/scalars';
import { GraphQLError, type DocumentNode, type ExecutionResult } from 'graphql';

/**
 * Gives a stable code to the refusals the GraphQL server makes without one, as the subgraphs do: a
 * client can only act on a code.
 * - An operation that could not start (variables of the wrong type, a missing required variable):
 *   graphql-js reports it without a code. Execution refuses this way only before it runs, so a
 *   result without `data` is exactly such a refusal: BAD_USER_INPUT, in Russian, naming the client's
 *   variable (a typed scalar's own reason included).
 * - A literal argument a typed scalar refuses fails validation: BAD_USER_INPUT in Russian naming the
 *   argument, as for a variable.
 * - A body of a media type no request parser reads: an empty 415 otherwise. This hook runs after the
 *   server's own parsers have had their chance to claim the request.
 */
export function useRefusalCodes(): GatewayPlugin {
  return {
    onRequestParse({ requestParser, endResponse, fetchAPI }) {
      if (requestParser) return;
      endResponse(
        new fetchAPI.Response(
          JSON.stringify({
            errors: [
              {
                message: 'Тело запроса должно быть в формате JSON (Content-Type: application/json).',
                extensions: { code: 'UNSUPPORTED_MEDIA_TYPE' },
              },
            ],
          }),
          { status: 415, headers: { 'content-type': 'application/json; charset=utf-8' } },
        ),
      );
    },
    onValidate({ params }) {
      return ({ result, setResult }) => {
        if (result.length === 0) return;
        const document = params.documentAST as DocumentNode;
        // Validation reports GraphQLErrors only; the hook's type admits any Error.
        setResult(result.map((error) => russianInputError(error as GraphQLError, document)));
      };
    },
    onExecute({ args }) {
      const document = args.document as DocumentNode;
      return {
        onExecuteDone({ result, setResult }) {
          if (isRefusalBeforeStart(result)) setResult(inRussian(result, document));
        },
      };
    },
    onSubscribe({ args }) {
      const document = args.document as DocumentNode;
      return {
        onSubscribeResult({ result, setResult }) {
          if (isRefusalBeforeStart(result)) setResult(inRussian(result, document));
        },
      };
    },
  };
}

/** A single result with errors and no `data`: the operation was refused before it started. */
function isRefusalBeforeStart(result: unknown): result is ExecutionResult {
  return (
    typeof result === 'object' &&
    result !== null &&
    !(Symbol.asyncIterator in result) &&
    (result as ExecutionResult).data === undefined &&
    ((result as ExecutionResult).errors?.length ?? 0) > 0
  );
}

function inRussian(result: ExecutionResult, document: DocumentNode): ExecutionResult {
  return {
    ...result,
    errors: (result.errors ?? []).map((error) => withBadInputCode(russianInputError(error, document))),
  };
}

function withBadInputCode(error: GraphQLError): GraphQLError {
  if (error.extensions['code'] !== undefined) return error;
  return new GraphQLError(error.message, {
    nodes: error.nodes,
    source: error.source,
    positions: error.positions,
    path: error.path,
    originalError: error.originalError,
    extensions: { ...error.extensions, code: 'BAD_USER_INPUT' },
  });
}
