import {
  getOperationAST,
  Kind,
  type DocumentNode,
  type FieldNode,
  type SelectionSetNode,
  type ValueNode,
} from 'graphql';
import { limitError } from './operationLimits.ts';

/**
 * Refuses a call whose `_entities` fields ask for more entities than allowed, counted over every
 * `_entities` field of the operation (aliases and fragments at the root included): each representation
 * is a lookup the subgraph makes, and the gateway's own batches stay far below the bound.
 */
export function representationsRefusal(
  maxRepresentations: number,
  request: {
    readonly document: DocumentNode;
    readonly operationName?: string | null | undefined;
    readonly variableValues?: Readonly<Record<string, unknown>> | null | undefined;
  },
) {
  const operation = getOperationAST(request.document, request.operationName);
  if (!operation) return undefined;
  const fragments = new Map(
    request.document.definitions.flatMap((definition) =>
      definition.kind === Kind.FRAGMENT_DEFINITION ? [[definition.name.value, definition] as const] : [],
    ),
  );
  const variables = request.variableValues ?? {};
  let count = 0;
  for (const field of rootFields(operation.selectionSet, fragments, new Set())) {
    if (field.name.value !== '_entities') continue;
    const argument = field.arguments?.find((given) => given.name.value === 'representations');
    if (argument) count += itemsIn(argument.value, variables);
  }
  if (count <= maxRepresentations) return undefined;
  return limitError(
    'TOO_MANY_REPRESENTATIONS',
    `Запрос называет слишком много сущностей: ${count}, допускается не больше ${maxRepresentations}.`,
  );
}

function* rootFields(
  selectionSet: SelectionSetNode,
  fragments: ReadonlyMap<string, { readonly selectionSet: SelectionSetNode }>,
  visited: Set<string>,
): Generator<FieldNode> {
  for (const selection of selectionSet.selections) {
    if (selection.kind === Kind.FIELD) yield selection;
    else if (selection.kind === Kind.INLINE_FRAGMENT)
      yield* rootFields(selection.selectionSet, fragments, visited);
    else if (!visited.has(selection.name.value)) {
      visited.add(selection.name.value);
      const fragment = fragments.get(selection.name.value);
      if (fragment) yield* rootFields(fragment.selectionSet, fragments, visited);
    }
  }
}

function itemsIn(value: ValueNode, variables: Readonly<Record<string, unknown>>): number {
  if (value.kind === Kind.LIST) return value.values.length;
  if (value.kind === Kind.VARIABLE) {
    const given = variables[value.name.value];
    return Array.isArray(given) ? given.length : 1;
  }
  return 1;
}
