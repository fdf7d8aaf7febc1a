import type { CollectionSpec, FindQuery } from './port.ts';

const NAME = /^[A-Za-z][A-Za-z0-9_]*$/;
const PATH = /^[A-Za-z_][A-Za-z0-9_]*(\.[A-Za-z_][A-Za-z0-9_]*)*$/;

/**
 * Checks a collection spec once, when the collection is opened: names and paths are spliced into
 * SQL and index definitions, so only plain identifiers are allowed.
 */
export function validateSpec(spec: CollectionSpec): void {
  if (!NAME.test(spec.name)) throw new Error(`collection name "${spec.name}" must be a plain identifier`);
  for (const index of spec.indexes) {
    if (index.fields.length === 0) throw new Error(`${spec.name}: an index needs at least one field`);
    for (const field of index.fields) {
      if (!PATH.test(field))
        throw new Error(`${spec.name}: index field "${field}" must be a dot path of identifiers`);
    }
  }
}

/** Filtering or sorting on a field without an index is a programming error, caught on every query. */
export function assertIndexedFields(spec: CollectionSpec, query: Pick<FindQuery, 'where' | 'sort'>): void {
  const indexed = new Set(spec.indexes.flatMap((index) => index.fields));
  const used = [...Object.keys(query.where ?? {}), ...(query.sort ?? []).map((key) => key.field)];
  for (const field of used) {
    if (!indexed.has(field)) throw new Error(`${spec.name}: "${field}" is not an indexed field`);
  }
}

export function assertPageSize(first: number): void {
  if (!Number.isSafeInteger(first) || first < 1)
    throw new RangeError(`first must be a positive integer, got ${first}`);
}
