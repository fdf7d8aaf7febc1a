import type { Position as EsdbPosition } from '@eventstore/db-client';
import type { Position } from '../port.ts';
import { readLogPosition, writeLogPosition } from '../logPosition.ts';

/** EventStoreDB's transaction-log position: commit, then prepare, as the log position's two parts. */
export function encodeEsdbPosition(position: EsdbPosition): Position {
  return writeLogPosition({ major: position.commit, minor: position.prepare });
}

/** Positions come back from clients as cursors, so a malformed one is their input error. */
export function decodeEsdbPosition(position: Position): EsdbPosition {
  const { major, minor } = readLogPosition(position);
  return { commit: major, prepare: minor };
}

export function samePosition(a: EsdbPosition, b: EsdbPosition): boolean {
  return a.commit === b.commit && a.prepare === b.prepare;
}
