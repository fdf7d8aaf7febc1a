import { GraphQLError, Kind, visit, type ASTNode, type DocumentNode } from 'graphql';
import { isInvalidScalarValue, type InvalidScalarValue } from './invalidScalarValue.ts';

/**
 * graphql-js reports a refused argument or variable in English and, for variables, with the prefix
 * `Variable "$x" got invalid value …`. This rewrites those errors into Russian naming what the client
 * wrote: the argument (with the input fields inside it, `input.incident.occurredOn`) for a literal, the
 * variable and the path inside it for a variable. Any other error is returned as it is.
 */
export function russianInputError(error: GraphQLError, document: DocumentNode | undefined): GraphQLError {
  const variable = /^Variable "\$([^"]+)"/.exec(error.message)?.[1];
  if (variable !== undefined) return variableError(error, variable);
  const literal = /^Expected value of type "([^"]+)", found /.exec(error.message);
  if (literal?.[1] !== undefined || scalarRefusalIn(error)) {
    return argumentError(error, document, literal?.[1]);
  }
  return error;
}

function variableError(error: GraphQLError, variable: string): GraphQLError {
  const type = /of (?:required|non-null) type "([^"]+)"/.exec(error.message)?.[1] ?? '?';
  if (error.message.endsWith('was not provided.')) {
    return refusal(
      error,
      `Не передана обязательная переменная «$${variable}» (тип ${type}).`,
      `$${variable}`,
    );
  }
  if (error.message.endsWith('must not be null.')) {
    return refusal(
      error,
      `Переменная «$${variable}» (тип ${type}) не может быть пустой (null).`,
      `$${variable}`,
    );
  }
  const inside = /^Variable "\$[^"]+" got invalid value .*? at "([\w.[\]]+)"; /.exec(error.message)?.[1];
  const name = `$${inside ?? variable}`;
  const why = scalarRefusalIn(error)?.message ?? 'значение не подходит к типу переменной.';
  return refusal(error, `Неверное значение «${name}»: ${why}`, name);
}

function argumentError(error: GraphQLError, document: DocumentNode | undefined, type: string | undefined) {
  const node = error.nodes?.[0];
  const name = (document && node ? argumentPath(document, node) : undefined) ?? 'аргумент';
  const why = scalarRefusalIn(error)?.message ?? `ожидается значение типа ${type ?? '?'}.`;
  return refusal(error, `Неверное значение аргумента «${name}»: ${why}`, name);
}

/** A typed scalar's refusal behind the error: graphql-js wraps it once for a literal, twice for a variable. */
function scalarRefusalIn(error: GraphQLError): InvalidScalarValue | undefined {
  let cause: unknown = error.originalError;
  // Duck-typed: the GraphQLError may come from another copy of graphql than this module's.
  while (
    !isInvalidScalarValue(cause) &&
    typeof cause === 'object' &&
    cause !== null &&
    'originalError' in cause
  ) {
    cause = cause.originalError;
  }
  return isInvalidScalarValue(cause) ? cause : undefined;
}

/** `input.incident.occurredOn`: the argument and the input fields from the operation down to `target`. */
function argumentPath(document: DocumentNode, target: ASTNode): string | undefined {
  let found: string | undefined;
  visit(document, {
    enter(node, _key, parent, _path, ancestors) {
      // By position: a cached validation result may carry the nodes of an earlier parse of the same text.
      if (node.kind !== target.kind || node.loc?.start !== target.loc?.start) return undefined;
      const names = [...ancestors, parent].flatMap((ancestor) =>
        ancestor &&
        'kind' in ancestor &&
        (ancestor.kind === Kind.ARGUMENT || ancestor.kind === Kind.OBJECT_FIELD)
          ? [ancestor.name.value]
          : [],
      );
      found = names.length > 0 ? names.join('.') : undefined;
      return false;
    },
  });
  return found;
}

function refusal(error: GraphQLError, message: string, argument: string): GraphQLError {
  return new GraphQLError(message, {
    nodes: error.nodes,
    source: error.source,
    positions: error.positions,
    path: error.path,
    extensions: { code: 'BAD_USER_INPUT', argument },
  });
}
