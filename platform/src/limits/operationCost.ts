import {
  getNamedType,
  getOperationAST,
  getVariableValues,
  GraphQLError,
  isCompositeType,
  isListType,
  isNonNullType,
  Kind,
  type ExecutionArgs,
  type GraphQLOutputType,
} from 'graphql';
// Its CommonJS build: the ES one imports graphql's .mjs files, a second copy of graphql whose schema
// types are not ours (graphql has no exports map, so our imports load its CommonJS files).
import { getComplexity, type ComplexityEstimator } from 'graphql-query-complexity/cjs';

export interface CostModel {
  readonly maxCost: number;
  /** Items a list is assumed to hold when no paging argument says how many. */
  readonly assumedListSize: number;
}

/**
 * Refuses an operation whose estimated cost is above the limit, by graphql-query-complexity (which
 * expands fragments and reads arguments with the request's variables): every object a response can
 * hold counts 1; a field paged by `first` holds as many items as it asks for, its connection's
 * `nodes` being those items; any other list is assumed to hold `assumedListSize`. Estimated on the
 * client's document, before planning, because per-subgraph entity calls cannot see the
 * multiplication of lists across subgraphs; when it is about to run rather than while it is
 * validated, because validation results are cached by document and the cost depends on variables.
 * A subgraph estimates the gateway's calls the same way, its `_entities` list holding as many items
 * as the call sends representations.
 * Variables that do not fit are left to execution to refuse as the client's input.
 */
export function costRefusal(
  model: CostModel,
  args: Pick<ExecutionArgs, 'schema' | 'document' | 'variableValues' | 'operationName'>,
): GraphQLError | undefined {
  const operation = getOperationAST(args.document, args.operationName);
  if (!operation) return undefined;
  const variables = getVariableValues(
    args.schema,
    operation.variableDefinitions ?? [],
    args.variableValues ?? {},
  );
  if (!variables.coerced) return undefined;
  let cost: number;
  try {
    cost = getComplexity({
      schema: args.schema,
      query: { kind: args.document.kind, definitions: [operation, ...fragmentsOf(args.document)] },
      variables: args.variableValues ?? {},
      estimators: [pagedEstimator(model.assumedListSize)],
    });
  } catch (error) {
    // The only refusal left once the variables fit: more fields than it will estimate. Anything else
    // (a schema from another copy of graphql, say) is a fault of ours, not the client's query.
    if (!(error instanceof Error) || !/maximum allowed number of nodes/.test(error.message)) throw error;
    return new GraphQLError('Запрос слишком тяжёлый: в нём слишком много полей, чтобы его оценить.', {
      extensions: { code: 'QUERY_TOO_EXPENSIVE', maxCost: model.maxCost },
    });
  }
  if (cost <= model.maxCost) return undefined;
  return new GraphQLError(`Запрос слишком тяжёлый: оценка ${cost}, допускается не больше ${model.maxCost}.`, {
    extensions: { code: 'QUERY_TOO_EXPENSIVE', cost, maxCost: model.maxCost },
  });
}

function fragmentsOf(document: ExecutionArgs['document']) {
  return document.definitions.filter((definition) => definition.kind === Kind.FRAGMENT_DEFINITION);
}

function pagedEstimator(assumedListSize: number): ComplexityEstimator {
  return ({ field, args, childComplexity }) => {
    const own = isCompositeType(getNamedType(field.type)) ? 1 : 0;
    const first: unknown = args['first'];
    if (typeof first === 'number') return first * (own + childComplexity);
    const representations: unknown = args['representations'];
    if (field.name === '_entities' && Array.isArray(representations))
      return representations.length * (own + childComplexity);
    if (isList(field.type) && field.name !== 'nodes') return assumedListSize * (own + childComplexity);
    return own + childComplexity;
  };
}

function isList(type: GraphQLOutputType): boolean {
  return isListType(isNonNullType(type) ? type.ofType : type);
}
