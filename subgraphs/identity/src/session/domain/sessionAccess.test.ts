import { describe, expect, it } from 'vitest';
import { openSession } from './session.ts';
import { assertOwnSession } from './sessionAccess.ts';

const session = openSession({
  id: 'session-1',
  subject: { kind: 'customer', customerId: 'holder', trusted: true },
  method: 'GOSUSLUGI',
  now: new Date('2026-03-02T09:00:00Z'),
  ip: null,
  userAgent: null,
});

describe('assertOwnSession', () => {
  it('gives the holder their session', () => {
    expect(assertOwnSession(session, 'holder')).toBe(session);
  });

  it.each([
    { whose: "someone else's session", given: session, subjectId: 'someone-else' },
    { whose: 'an unknown id', given: null, subjectId: 'holder' },
  ])('answers $whose with the same SESSION_NOT_FOUND', ({ given, subjectId }) => {
    expect(() => assertOwnSession(given, subjectId)).toThrow(
      expect.objectContaining({ code: 'SESSION_NOT_FOUND', message: 'Сеанс не найден.', details: {} }),
    );
  });
});
