import {
  getNamedType,
  GraphQLError,
  isCompositeType,
  isListType,
  isNonNullType,
  Kind,
  TypeInfo,
  visit,
  visitWithTypeInfo,
  type GraphQLOutputType,
  type ValidationContext,
  type ValidationRule,
} from 'graphql';

/**
 * Estimated cost of an operation against the supergraph: every object a response can hold counts 1,
 * and a list counts as many items as its `first` argument asks for (or `assumedListSize`). Estimated
 * on the client's document, before planning, because per-subgraph entity calls cannot see the
 * multiplication of lists across subgraphs.
 */
export function maxCostRule(maxCost: number, assumedListSize: number): ValidationRule {
  return (context: ValidationContext) => ({
    OperationDefinition(operation) {
      const typeInfo = new TypeInfo(context.getSchema());
      const factors: number[] = [1];
      let cost = 0;
      visit(
        operation,
        visitWithTypeInfo(typeInfo, {
          Field: {
            enter(node) {
              const type = typeInfo.getType();
              const parentFactor = factors[factors.length - 1] ?? 1;
              const factor =
                parentFactor * (type && isList(type) ? listSizeOf(node.arguments, assumedListSize) : 1);
              factors.push(factor);
              if (type && isCompositeType(getNamedType(type))) cost += factor;
            },
            leave() {
              factors.pop();
            },
          },
        }),
      );
      if (cost > maxCost) {
        context.reportError(
          new GraphQLError(`Запрос слишком тяжёлый: оценка ${cost}, допускается не больше ${maxCost}.`, {
            nodes: operation,
            extensions: { code: 'QUERY_TOO_EXPENSIVE', cost, maxCost },
          }),
        );
      }
      return false;
    },
  });
}

function isList(type: GraphQLOutputType): boolean {
  return isListType(isNonNullType(type) ? type.ofType : type);
}

function listSizeOf(
  args: readonly { name: { value: string }; value: { kind: Kind; value?: unknown } }[] | undefined,
  fallback: number,
): number {
  const first = args?.find((arg) => arg.name.value === 'first')?.value;
  return first?.kind === Kind.INT ? Number(first.value) : fallback;
}
