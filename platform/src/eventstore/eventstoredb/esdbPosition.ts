import type { Position as EsdbPosition } from '@eventstore/db-client';
import { CommonErrors } from '@cabinet/kernel';
import type { Position } from '../port.ts';

/** EventStoreDB's own notation for a transaction-log position, `C:<commit>/P:<prepare>`. */
export function encodeEsdbPosition(position: EsdbPosition): Position {
  return `C:${position.commit}/P:${position.prepare}`;
}

/** Positions come back from clients as cursors, so a malformed one is their input error. */
export function decodeEsdbPosition(position: Position): EsdbPosition {
  const match = /^C:(\d{1,20})\/P:(\d{1,20})$/.exec(position);
  if (match === null) throw CommonErrors.badInput('after', 'Некорректная позиция в журнале событий.');
  return { commit: BigInt(match[1] as string), prepare: BigInt(match[2] as string) };
}

export function samePosition(a: EsdbPosition, b: EsdbPosition): boolean {
  return a.commit === b.commit && a.prepare === b.prepare;
}
