import type { Filter } from 'mongodb';
import type { Condition, FindQuery, Scalar } from '../port.ts';

/** How a collection's documents are stored: ours go under `data`, beside our own bookkeeping. */
export interface StoredRecord {
  _id: string;
  version: number;
  revision?: number;
  /** The fencing token the record was last written under, if any. */
  fence?: number;
  data: unknown;
}

export function dataPath(field: string): string {
  return `data.${field}`;
}

export function whereFilter(where: FindQuery['where']): Filter<StoredRecord> {
  const filter: Record<string, unknown> = {};
  for (const [field, condition] of Object.entries(where ?? {}))
    filter[dataPath(field)] = conditionFilter(condition);
  return filter;
}

function conditionFilter(condition: Condition): unknown {
  if (condition === null || typeof condition !== 'object') return condition;
  if ('in' in condition) return { $in: condition.in };
  const range: Record<string, Scalar> = {};
  if (condition.gt !== undefined) range.$gt = condition.gt;
  if (condition.gte !== undefined) range.$gte = condition.gte;
  if (condition.lt !== undefined) range.$lt = condition.lt;
  if (condition.lte !== undefined) range.$lte = condition.lte;
  return range;
}

export interface MongoSortKey {
  readonly path: string;
  readonly direction: 'asc' | 'desc';
}

/**
 * Documents strictly after the cursor in the sort order. MongoDB sorts null and missing first
 * ascending and last descending; `{ path: null }` matches both.
 */
export function afterCursorFilter(
  keys: readonly MongoSortKey[],
  values: readonly Scalar[],
): Filter<StoredRecord> {
  const alternatives: Record<string, unknown>[] = [];
  keys.forEach((key, i) => {
    const value = values[i] ?? null;
    if (key.direction === 'desc' && value === null) return;
    const branch: Record<string, unknown>[] = keys.slice(0, i).map((previous, j) => ({
      [previous.path]: values[j] ?? null,
    }));
    if (key.direction === 'asc') branch.push({ [key.path]: value === null ? { $ne: null } : { $gt: value } });
    else branch.push({ $or: [{ [key.path]: { $lt: value } }, { [key.path]: null }] });
    alternatives.push({ $and: branch });
  });
  return { $or: alternatives };
}

/** The value at a dot path of a document, as the cursor records it. */
export function valueAt(data: unknown, field: string): Scalar {
  let value: unknown = data;
  for (const part of field.split('.')) {
    value =
      typeof value === 'object' && value !== null ? (value as Record<string, unknown>)[part] : undefined;
  }
  return value === undefined ? null : (value as Scalar);
}
