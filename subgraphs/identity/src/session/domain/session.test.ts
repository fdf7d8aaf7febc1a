import { describe, expect, it } from 'vitest';
import { idleDeadlineOf, openSession, statusOf, touched } from './session.ts';

const t0 = new Date('2026-03-02T09:00:00Z');
const at = (minutes: number) => new Date(t0.getTime() + minutes * 60_000);

describe('session lifetime', () => {
  const session = openSession({
    id: 's',
    subject: { kind: 'staff', staffId: 'x', roles: ['analyst'] },
    method: 'PASSWORD',
    now: t0,
    ip: null,
    userAgent: null,
  });
  it.each([
    [29, 'ACTIVE'],
    [30, 'IDLE_EXPIRED'],
  ] as const)('unused for %i minutes it is %s', (minutes, status) => {
    expect(statusOf(session, at(minutes))).toBe(status);
  });
  it('ends 12 hours after sign-in however often it is used', () => {
    const used = touched(session, at(12 * 60 - 10));
    expect(idleDeadlineOf(used)).toEqual(at(12 * 60));
    expect(statusOf(used, at(12 * 60))).toBe('EXPIRED');
  });
});
