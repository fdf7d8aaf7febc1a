import { Kind, parse } from 'graphql';

/** The label of every operation the metrics do not name: a name too long, odd or seen too late. */
export const OTHER_OPERATION = 'other';

/** Longer names are not worth a series of their own; our registered ones are far shorter. */
const LABELLED_NAME = /^[A-Za-z_][A-Za-z0-9_]{0,63}$/;

/**
 * Turns a client-chosen operation name into a label from a bounded set, so that no client can grow
 * the series (and `/metrics` with them) by naming its operations freely: the registered operations'
 * names, then up to `firstSeen` other names in the order they arrive, then "other".
 */
export function operationLabeller(
  registeredNames: Iterable<string>,
  firstSeen: number,
): (name: string) => string {
  const registered = new Set(registeredNames);
  const seen = new Set<string>();
  return (name) => {
    if (registered.has(name) || seen.has(name)) return name;
    if (!LABELLED_NAME.test(name) || seen.size >= firstSeen) return OTHER_OPERATION;
    seen.add(name);
    return name;
  };
}

/** The operation names of the registered documents (text of `npm run schema`'s manifest). */
export function registeredOperationNames(documents: Iterable<string>): string[] {
  const names: string[] = [];
  for (const text of documents) {
    for (const definition of parse(text).definitions) {
      if (definition.kind === Kind.OPERATION_DEFINITION && definition.name) names.push(definition.name.value);
    }
  }
  return names;
}
