import { CommonErrors } from '@cabinet/kernel';
import type { Scalar } from './port.ts';

/**
 * A page cursor is the last item's sort values followed by its id, so the next page starts strictly
 * after it even when documents are inserted or deleted in between (keyset paging).
 */
export function encodeCursor(sortValues: readonly Scalar[], id: string): string {
  return Buffer.from(JSON.stringify([...sortValues, id]), 'utf8').toString('base64url');
}

/** Cursors come from clients, so a malformed one is their input error. */
export function decodeCursor(cursor: string, sortKeys: number): { values: Scalar[]; id: string } {
  let decoded: unknown;
  try {
    decoded = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    throw invalidCursor();
  }
  if (!Array.isArray(decoded) || decoded.length !== sortKeys + 1 || !decoded.every(isScalar))
    throw invalidCursor();
  const id: unknown = decoded.at(-1);
  if (typeof id !== 'string') throw invalidCursor();
  return { values: decoded.slice(0, sortKeys), id };
}

function isScalar(value: unknown): value is Scalar {
  return value === null || ['string', 'number', 'boolean'].includes(typeof value);
}

function invalidCursor() {
  return CommonErrors.badInput('after', 'Некорректный курсор страницы.');
}
