import { CommonErrors } from '@cabinet/kernel';
import type { Position } from '../port.ts';

/** In SQLite a position is the AUTOINCREMENT row id, written as a decimal string. */
export function encodePosition(rowId: number): Position {
  return String(rowId);
}

/**
 * Positions come back from clients as cursors, so a malformed one is their input error, not ours.
 */
export function decodePosition(position: Position): number {
  if (!/^\d{1,15}$/.test(position)) {
    throw CommonErrors.badInput('after', 'Некорректная позиция в журнале событий.');
  }
  return Number(position);
}
