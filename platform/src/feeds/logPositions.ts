import { CommonErrors } from '@cabinet/kernel';
import type { Position } from '../eventstore/port.ts';

/**
 * Orders two positions of the event log. The event store port keeps positions opaque, so this relies
 * on the adapters' documented forms: the SQLite adapter's decimal row ids and EventStoreDB's
 * `C:<commit>/P:<prepare>`, both ordered by their numbers. A `comparePositions` in the port would
 * replace it. A malformed position is the client's cursor, so it is their input error.
 */
export function comparePositions(a: Position, b: Position): number {
  const [aMajor, aMinor] = numbersOf(a);
  const [bMajor, bMinor] = numbersOf(b);
  if (aMajor !== bMajor) return aMajor < bMajor ? -1 : 1;
  if (aMinor !== bMinor) return aMinor < bMinor ? -1 : 1;
  return 0;
}

function numbersOf(position: Position): [bigint, bigint] {
  if (/^\d{1,20}$/.test(position)) return [BigInt(position), 0n];
  const esdb = /^C:(\d{1,20})\/P:(\d{1,20})$/.exec(position);
  if (esdb) return [BigInt(esdb[1] as string), BigInt(esdb[2] as string)];
  throw CommonErrors.badInput('after', 'Некорректная позиция в журнале событий.');
}
