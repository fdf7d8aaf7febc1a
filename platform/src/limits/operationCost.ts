import {
  BREAK,
  getNamedType,
  getOperationAST,
  getVariableValues,
  GraphQLError,
  isCompositeType,
  isListType,
  isNonNullType,
  Kind,
  visit,
  type DocumentNode,
  type ExecutionArgs,
  type GraphQLOutputType,
  type GraphQLSchema,
  type ValueNode,
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
  return costVerdict(model, args)?.refusal;
}

/** The estimate's verdict, or undefined when the variables do not fit and nothing was estimated. */
function costVerdict(
  model: CostModel,
  args: Pick<ExecutionArgs, 'schema' | 'document' | 'variableValues' | 'operationName'>,
): { readonly refusal: GraphQLError | undefined } | undefined {
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
    return {
      refusal: new GraphQLError('Запрос слишком тяжёлый: в нём слишком много полей, чтобы его оценить.', {
        extensions: { code: 'QUERY_TOO_EXPENSIVE', maxCost: model.maxCost },
      }),
    };
  }
  if (cost <= model.maxCost) return { refusal: undefined };
  return {
    refusal: new GraphQLError(
      `Запрос слишком тяжёлый: оценка ${cost}, допускается не больше ${model.maxCost}.`,
      {
        extensions: { code: 'QUERY_TOO_EXPENSIVE', cost, maxCost: model.maxCost },
      },
    ),
  };
}

/**
 * costRefusal, estimated once per document, schema and operation when the estimate cannot depend on
 * the variables (no variable feeds a `first` or `representations` argument or a directive such as
 * `@include`): a client's documents repeat, and the parsing and validation caches hand back the same
 * document for the same text. Any other operation is estimated on every request, with its variables.
 */
export function rememberedCostRefusal(
  model: CostModel,
): (
  args: Pick<ExecutionArgs, 'schema' | 'document' | 'variableValues' | 'operationName'>,
) => GraphQLError | undefined {
  const verdicts = new WeakMap<GraphQLSchema, WeakMap<DocumentNode, Map<string, GraphQLError | null>>>();
  // Whether a document's variables change its estimate, worked out once per document.
  const readsVariables = new WeakMap<DocumentNode, boolean>();
  const dependsOnVariables = (document: DocumentNode) => {
    let depends = readsVariables.get(document);
    if (depends === undefined) readsVariables.set(document, (depends = costDependsOnVariables(document)));
    return depends;
  };
  return (args) => {
    let bySchema = verdicts.get(args.schema);
    if (!bySchema) verdicts.set(args.schema, (bySchema = new WeakMap()));
    let byOperation = bySchema.get(args.document);
    const operationKey = args.operationName ?? '';
    const known = byOperation?.get(operationKey);
    if (known !== undefined) return known ?? undefined;
    const verdict = costVerdict(model, args);
    if (verdict !== undefined && !dependsOnVariables(args.document)) {
      if (!byOperation) bySchema.set(args.document, (byOperation = new Map<string, GraphQLError | null>()));
      byOperation.set(operationKey, verdict.refusal ?? null);
    }
    return verdict?.refusal;
  };
}

/** Arguments whose value the estimate reads. */
const COUNTING_ARGUMENTS = new Set(['first', 'representations']);

function costDependsOnVariables(document: DocumentNode): boolean {
  let depends = false;
  const readsVariable = (value: ValueNode): boolean => {
    let found = false;
    visit(value, {
      Variable() {
        found = true;
        return BREAK;
      },
    });
    return found;
  };
  visit(document, {
    Directive(directive) {
      if (directive.arguments?.some((argument) => readsVariable(argument.value))) {
        depends = true;
        return BREAK;
      }
      return false;
    },
    Argument(argument) {
      if (COUNTING_ARGUMENTS.has(argument.name.value) && readsVariable(argument.value)) {
        depends = true;
        return BREAK;
      }
      return undefined;
    },
  });
  return depends;
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
