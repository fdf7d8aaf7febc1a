import type { UnifiedGraphHandler } from '@graphql-hive/gateway-runtime';
import { unifiedGraphHandler as hiveRouterHandler } from '@graphql-hive/router-runtime';
import { addResolversToSchema } from '@graphql-tools/schema';
import {
  getOperationAST,
  getVariableValues,
  GraphQLError,
  Kind,
  type DocumentNode,
  type ExecutionResult,
  type FieldNode,
  type GraphQLFormattedError,
  type GraphQLSchema,
  type SelectionSetNode,
} from 'graphql';

type Executor = NonNullable<Awaited<ReturnType<UnifiedGraphHandler>>['executor']>;
type OnSubgraphExecute = Parameters<UnifiedGraphHandler>[0]['onSubgraphExecute'];
type SubgraphRequest = Parameters<OnSubgraphExecute>[1];
type Path = readonly (string | number)[];

/**
 * Hive Router's query planner (Rust, a native addon) and its executor in place of the runtime's
 * JavaScript planner and graphql-js execution. That executor skips two checks graphql-js made here, which
 * this gives back so a bad input is still refused at the gateway, in Russian, naming the client's
 * argument or variable, before any subgraph is asked:
 * - the typed scalars' rules: the router's handler does not apply the runtime's additional resolvers,
 *   so the graph it serves would know the scalars by name only and validation would pass any literal;
 * - the coercion of variables against their declared types (wrong types, missing required ones,
 *   unknown fields or enum values, a typed scalar's malformed value).
 * And two of its answers are given the shapes the runtime's own execution gives them:
 * - an error a subgraph answers an entity fetch with, without a path (a subgraph that cannot be reached,
 *   say), would sit on the entity: it goes on each field the fetch was for;
 * - a subgraph's refusal of a subscription (not signed in, not yours) would reach the client as an
 *   unexpected error: it is sent as the refusal it is, with its code.
 */
export const routerRuntimeHandler: UnifiedGraphHandler = async (opts) => {
  const handled = await hiveRouterHandler({
    ...opts,
    onSubgraphExecute: withRuntimeErrorShapes(opts.onSubgraphExecute),
  });
  const unifiedGraph = [opts.additionalResolvers ?? []].flat().reduce(
    // A supergraph that names none of the typed scalars (the benchmark's, say) takes none of them.
    (schema, resolvers) =>
      addResolversToSchema({
        schema,
        resolvers,
        resolverValidationOptions: { requireResolversToMatchSchema: 'ignore' },
      }),
    handled.unifiedGraph,
  );
  const execute = handled.executor;
  if (!execute) return { ...handled, unifiedGraph };
  const executor: Executor = (request) => {
    const name = getOperationAST(request.document, request.operationName)?.name?.value;
    if (name !== undefined && typeof request.context === 'object' && request.context !== null)
      clientOperationNames.set(request.context, name);
    return variablesRefusal(unifiedGraph, request) ?? execute(request);
  };
  return { ...handled, unifiedGraph, executor };
};

/** graphql-js's own refusal of the operation's variables (errors and no data), if it refuses them. */
function variablesRefusal(
  schema: GraphQLSchema,
  request: { document: DocumentNode; operationName?: string; variables?: Record<string, unknown> },
): { errors: readonly GraphQLError[] } | undefined {
  const definitions = getOperationAST(request.document, request.operationName)?.variableDefinitions;
  if (!definitions || definitions.length === 0) return undefined;
  const coerced = getVariableValues(schema, definitions, request.variables ?? {});
  return coerced.errors ? { errors: coerced.errors } : undefined;
}

/** The client's operation name by the request's context: the subgraph calls are named after it. */
const clientOperationNames = new WeakMap<object, string>();
const namedDocuments = new WeakMap<DocumentNode, Map<string, DocumentNode>>();

function withRuntimeErrorShapes(onSubgraphExecute: OnSubgraphExecute): OnSubgraphExecute {
  return (subgraphName, request) => {
    const named = withClientOperationName(request);
    const result = onSubgraphExecute(subgraphName, named);
    return isPromiseLike(result)
      ? Promise.resolve(result).then((answer) => shaped(subgraphName, named, answer))
      : shaped(subgraphName, named, result);
  };
}

/** The router sends its subgraph operations unnamed; the runtime names them as the client did. */
function withClientOperationName(request: SubgraphRequest): SubgraphRequest {
  const context: unknown = request.context;
  const name =
    typeof context === 'object' && context !== null ? clientOperationNames.get(context) : undefined;
  const operation = getOperationAST(request.document, request.operationName);
  if (name === undefined || !operation || operation.name) return request;
  let byName = namedDocuments.get(request.document);
  if (!byName) namedDocuments.set(request.document, (byName = new Map<string, DocumentNode>()));
  let document = byName.get(name);
  if (!document) {
    document = {
      ...request.document,
      definitions: request.document.definitions.map((definition) =>
        definition === operation ? { ...operation, name: { kind: Kind.NAME, value: name } } : definition,
      ),
    };
    byName.set(name, document);
  }
  return { ...request, document, operationName: name };
}

function shaped<T>(subgraphName: string, request: SubgraphRequest, result: T): T {
  if (typeof result !== 'object' || result === null) return result;
  if (Symbol.asyncIterator in result)
    return streamShaped(subgraphName, result as AsyncIterable<ExecutionResult>) as T;
  const errors = (result as ExecutionResult).errors;
  if (!errors?.some((error) => error.path === undefined)) return result;
  const paths = entityFieldPaths(request);
  if (paths.length === 0) return result;
  return {
    ...result,
    errors: errors.flatMap((error) =>
      error.path === undefined ? paths.map((path) => atPath(error, path)) : [error],
    ),
  };
}

/** Each `_entities` selection's representations, each with each field asked of it: `[key, index, field]`. */
function entityFieldPaths(request: SubgraphRequest): Path[] {
  const operation = getOperationAST(request.document, request.operationName);
  const paths: Path[] = [];
  for (const selection of operation?.selectionSet.selections ?? []) {
    if (selection.kind !== Kind.FIELD || selection.name.value !== '_entities') continue;
    const key = responseKey(selection);
    const fields = fieldKeys(selection.selectionSet);
    const variables = request.variables as Record<string, unknown> | undefined;
    for (let index = 0; index < representationCount(selection, variables); index += 1)
      for (const field of fields) paths.push([key, index, field]);
  }
  return paths;
}

function representationCount(entities: FieldNode, variables: Record<string, unknown> | undefined): number {
  const value = entities.arguments?.find((argument) => argument.name.value === 'representations')?.value;
  if (value?.kind === Kind.LIST) return value.values.length;
  const given = value?.kind === Kind.VARIABLE ? variables?.[value.name.value] : undefined;
  return Array.isArray(given) ? given.length : 0;
}

function fieldKeys(selectionSet: SelectionSetNode | undefined): string[] {
  const keys = new Set<string>();
  for (const selection of selectionSet?.selections ?? []) {
    if (selection.kind === Kind.FIELD && selection.name.value !== '__typename')
      keys.add(responseKey(selection));
    if (selection.kind === Kind.INLINE_FRAGMENT)
      for (const key of fieldKeys(selection.selectionSet)) keys.add(key);
  }
  return [...keys];
}

function responseKey(field: FieldNode): string {
  return field.alias?.value ?? field.name.value;
}

function atPath(error: GraphQLError, path: Path): GraphQLError {
  return new GraphQLError(error.message, {
    nodes: error.nodes,
    source: error.source,
    positions: error.positions,
    path,
    originalError: error.originalError,
    extensions: error.extensions,
  });
}

/**
 * The stream with each event's errors as GraphQL errors (graphql-ws hands them over as plain objects,
 * which the server would take for a crash and hide behind an "unexpected error"), and an event without
 * data sent without data: the router would send the previous event's data again with its errors. A
 * stream that breaks (the subgraph went away) ends with that error as its last event, for the same
 * reason. Written by hand, not as an async generator: a generator would hold the client's unsubscribe
 * until the next event came.
 */
function streamShaped(
  subgraphName: string,
  stream: AsyncIterable<ExecutionResult>,
): AsyncIterableIterator<ExecutionResult> {
  const events = stream[Symbol.asyncIterator]();
  let broken = false;
  return {
    [Symbol.asyncIterator]() {
      return this;
    },
    next: () => {
      if (broken) return Promise.resolve({ done: true, value: undefined });
      return events.next().then(
        (event) => (event.done ? event : { done: false, value: eventShaped(event.value) }),
        (thrown: unknown) => {
          broken = true;
          const error =
            thrown instanceof GraphQLError
              ? thrown
              : new GraphQLError(thrown instanceof Error ? thrown.message : String(thrown), {
                  extensions: { code: 'DOWNSTREAM_SERVICE_ERROR', serviceName: subgraphName },
                });
          return { done: false, value: { data: {}, errors: [error] } };
        },
      );
    },
    return: (value?: unknown) => events.return?.(value) ?? Promise.resolve({ done: true, value: undefined }),
    throw: (error?: unknown) =>
      events.throw?.(error) ?? Promise.reject(error instanceof Error ? error : new Error(String(error))),
  };
}

/** `data: {}` is how the router is told an event has none: it keeps the last event's data otherwise. */
function eventShaped(event: ExecutionResult): ExecutionResult {
  const errors = event.errors?.every((error) => error instanceof GraphQLError)
    ? event.errors
    : event.errors?.map(asGraphQLError);
  return { ...event, ...(errors ? { errors } : {}), ...(event.data ? {} : { data: {} }) };
}

function asGraphQLError(error: GraphQLFormattedError | GraphQLError): GraphQLError {
  return error instanceof GraphQLError
    ? error
    : new GraphQLError(error.message, { path: error.path, extensions: error.extensions });
}

function isPromiseLike(value: unknown): value is PromiseLike<unknown> {
  return typeof (value as { then?: unknown } | null)?.then === 'function';
}
