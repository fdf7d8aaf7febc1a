import { isLogPosition, malformedPosition } from '../eventstore/logPosition.ts';
import type { Position } from '../eventstore/port.ts';

/**
 * Orders two positions of the event log. Every adapter writes positions in the one fixed-width form of
 * `eventstore/logPosition.ts`, so they order as strings do. A bare decimal is a SQLite row id written
 * before positions had one form (a checkpoint, a read model's cursor, a client's old cursor): it is
 * the position whose two parts are that id. A malformed position is the client's cursor, so it is
 * their input error.
 */
export function comparePositions(a: Position, b: Position): number {
  const left = canonical(a);
  const right = canonical(b);
  return left < right ? -1 : left > right ? 1 : 0;
}

function canonical(position: Position): string {
  if (isLogPosition(position)) return position;
  if (/^\d{1,15}$/.test(position)) {
    const half = BigInt(position).toString(16).padStart(16, '0');
    return half + half;
  }
  throw malformedPosition();
}
