import { CommonErrors } from '@cabinet/kernel';
import type { Position } from './port.ts';

/**
 * The one written form of a log position, whatever the adapter: two unsigned 64-bit numbers (a major
 * and a minor part; EventStoreDB's commit and prepare positions) as 16 lower-case hex digits each. Of
 * fixed width, so positions order as strings do, and clients' cursors keep their form when the storage
 * changes. Each adapter maps its own positions to these two numbers (esdbPosition.ts, sqlitePosition.ts).
 */
export interface LogPosition {
  readonly major: bigint;
  readonly minor: bigint;
}

const MAX = (1n << 64n) - 1n;
const WRITTEN = /^[0-9a-f]{32}$/;

export function writeLogPosition({ major, minor }: LogPosition): Position {
  if (major < 0n || major > MAX || minor < 0n || minor > MAX) {
    throw new RangeError(`log position out of range: ${major}/${minor}`);
  }
  return major.toString(16).padStart(16, '0') + minor.toString(16).padStart(16, '0');
}

/** Positions come back from clients as cursors, so a malformed one is their input error. */
export function readLogPosition(position: Position): LogPosition {
  if (!WRITTEN.test(position)) throw malformedPosition();
  return { major: BigInt(`0x${position.slice(0, 16)}`), minor: BigInt(`0x${position.slice(16)}`) };
}

export function isLogPosition(position: Position): boolean {
  return WRITTEN.test(position);
}

export function malformedPosition() {
  return CommonErrors.badInput('after', 'Некорректная позиция в журнале событий.');
}
