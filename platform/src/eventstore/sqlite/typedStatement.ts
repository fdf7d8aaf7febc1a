import type { SQLInputValue, StatementResultingChanges, StatementSync } from 'node:sqlite';

/** node:sqlite's statements are untyped; each store names what its own statements bind and return. */
export interface TypedStatement<Params extends unknown[], Row> {
  all(...params: Params): Row[];
  get(...params: Params): Row | undefined;
  run(...params: Params): StatementResultingChanges;
}

export type Bindable = SQLInputValue;

export function typed<Params extends unknown[], Row = never>(
  statement: StatementSync,
): TypedStatement<Params, Row> {
  return statement as unknown as TypedStatement<Params, Row>;
}

/** The same statement, answering each row as an array of its columns (measurably faster to read). */
export function typedRows<Params extends unknown[], Row extends unknown[]>(
  statement: StatementSync,
): TypedStatement<Params, Row> {
  statement.setReturnArrays(true);
  return typed<Params, Row>(statement);
}
