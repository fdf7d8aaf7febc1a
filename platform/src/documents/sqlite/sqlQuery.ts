import type { Condition, FindQuery, Scalar } from '../port.ts';

/** A fragment of SQL and the values bound to its placeholders, in order. */
export interface Sql {
  readonly text: string;
  readonly params: SqlValue[];
}

export type SqlValue = string | number | null;

/** Field paths were validated as identifiers, so splicing them into the JSON path is safe. */
export function fieldExpression(field: string): string {
  return `json_extract(data, '$.${field}')`;
}

/** SQLite has no booleans: JSON true/false read back through json_extract as 1/0. */
export function sqlValue(value: Scalar): SqlValue {
  return typeof value === 'boolean' ? Number(value) : value;
}

export function whereClause(where: FindQuery['where']): Sql {
  const parts: string[] = [];
  const params: SqlValue[] = [];
  for (const [field, condition] of Object.entries(where ?? {})) {
    const sql = conditionSql(fieldExpression(field), condition);
    parts.push(sql.text);
    params.push(...sql.params);
  }
  return { text: parts.length === 0 ? '1' : parts.join(' AND '), params };
}

function conditionSql(expression: string, condition: Condition): Sql {
  if (condition === null) return { text: `${expression} IS NULL`, params: [] };
  if (typeof condition !== 'object') return { text: `${expression} = ?`, params: [sqlValue(condition)] };
  if ('in' in condition) {
    const values = condition.in.filter((value) => value !== null);
    const alternatives =
      values.length === 0 ? [] : [`${expression} IN (${values.map(() => '?').join(', ')})`];
    if (values.length < condition.in.length) alternatives.push(`${expression} IS NULL`);
    return {
      text: alternatives.length === 0 ? '0' : `(${alternatives.join(' OR ')})`,
      params: values.map(sqlValue),
    };
  }
  const parts: string[] = [];
  const params: SqlValue[] = [];
  for (const [operator, bound] of [
    ['>', condition.gt],
    ['>=', condition.gte],
    ['<', condition.lt],
    ['<=', condition.lte],
  ] as const) {
    if (bound === undefined) continue;
    parts.push(`${expression} ${operator} ?`);
    params.push(sqlValue(bound));
  }
  return { text: parts.length === 0 ? '1' : parts.join(' AND '), params };
}

export interface SortKey {
  readonly expression: string;
  readonly direction: 'asc' | 'desc';
}

/**
 * Rows strictly after the cursor in the sort order. SQLite sorts NULL first ascending and last
 * descending (as MongoDB does), which the NULL cases below follow.
 */
export function afterCursor(keys: readonly SortKey[], values: readonly SqlValue[]): Sql {
  const alternatives: string[] = [];
  const params: SqlValue[] = [];
  keys.forEach((key, i) => {
    const equalBefore = keys
      .slice(0, i)
      .map((previous, j) => equalTo(previous.expression, values[j] ?? null));
    const beyond = strictlyAfter(key, values[i] ?? null);
    alternatives.push(`(${[...equalBefore.map((sql) => sql.text), beyond.text].join(' AND ')})`);
    params.push(...equalBefore.flatMap((sql) => sql.params), ...beyond.params);
  });
  return { text: `(${alternatives.join(' OR ')})`, params };
}

function equalTo(expression: string, value: SqlValue): Sql {
  return value === null
    ? { text: `${expression} IS NULL`, params: [] }
    : { text: `${expression} = ?`, params: [value] };
}

function strictlyAfter(key: SortKey, value: SqlValue): Sql {
  if (key.direction === 'asc') {
    return value === null
      ? { text: `${key.expression} IS NOT NULL`, params: [] }
      : { text: `${key.expression} > ?`, params: [value] };
  }
  return value === null
    ? { text: '0', params: [] }
    : { text: `(${key.expression} < ? OR ${key.expression} IS NULL)`, params: [value] };
}
