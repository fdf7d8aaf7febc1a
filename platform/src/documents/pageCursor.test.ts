import { describe, expect, it } from 'vitest';
import { DomainError } from '@cabinet/kernel';
import { decodeCursor, encodeCursor } from './pageCursor.ts';

describe('page cursors', () => {
  it('round-trips sort values of every scalar kind and the id', () => {
    const cursor = encodeCursor(['Иванов', 42, true, null], 'doc-1');

    expect(decodeCursor(cursor, 4)).toEqual({ values: ['Иванов', 42, true, null], id: 'doc-1' });
  });

  it.each([
    { case: 'not base64 JSON', cursor: '%%%' },
    { case: 'a cursor for another sort', cursor: encodeCursor(['a'], 'doc-1') },
    { case: 'an object among the values', cursor: Buffer.from('[{"x":1},"doc-1"]').toString('base64url') },
    { case: 'a number as id', cursor: Buffer.from('["a",5]').toString('base64url') },
  ])('rejects $case as the client’s bad input', ({ cursor }) => {
    expect(() => decodeCursor(cursor, 2)).toThrow(DomainError);
  });
});
