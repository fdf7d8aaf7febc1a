import type { Position } from '../port.ts';
import { isLogPosition, malformedPosition, readLogPosition, writeLogPosition } from '../logPosition.ts';

/** In SQLite a position is the AUTOINCREMENT row id: both parts of the log position. */
export function encodePosition(rowId: number): Position {
  const id = BigInt(rowId);
  return writeLogPosition({ major: id, minor: id });
}

/**
 * Also reads the bare decimal row ids this adapter wrote before positions had one form, which
 * checkpoints, read models and clients' cursors may still hold.
 */
export function decodePosition(position: Position): number {
  if (/^\d{1,15}$/.test(position)) return Number(position);
  if (!isLogPosition(position)) throw malformedPosition();
  const { major, minor } = readLogPosition(position);
  if (major !== minor || major > BigInt(Number.MAX_SAFE_INTEGER)) throw malformedPosition();
  return Number(major);
}
