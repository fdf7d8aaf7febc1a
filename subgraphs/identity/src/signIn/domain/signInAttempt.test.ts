import { describe, expect, it } from 'vitest';
import { countAttempt } from '../../rateLimit/domain/fixedWindow.ts';
import { idleDeadlineOf, openSession, statusOf, touched } from '../../session/domain/session.ts';
import { customerLookups } from '../../customer/domain/customerLinking.ts';
import type { EsiaProfile } from '../../esia/application/profileFromEsia.ts';
import { newSignInAttempt, refusalOf } from './signInAttempt.ts';

const t0 = new Date('2026-03-02T09:00:00Z');
const at = (minutes: number) => new Date(t0.getTime() + minutes * 60_000);

describe('sign-in attempt', () => {
  const attempt = newSignInAttempt({ id: 'a', state: 's', redirectUri: 'https://x/cb', now: t0 });
  it.each([
    ['the matching state in time', attempt, 's', at(9), null],
    ['no attempt', null, 's', at(1), 'unknown'],
    ['a used attempt', { ...attempt, usedAt: at(1).toISOString() }, 's', at(2), 'used'],
    ['after 10 minutes', attempt, 's', at(10), 'expired'],
    ['another state', attempt, 'other', at(1), 'state_mismatch'],
  ] as const)('given %s, refusal is %s', (_case, given, state, now, refusal) => {
    expect(refusalOf(given, state, now)).toBe(refusal);
  });
});

describe('attempt window', () => {
  const limit = { max: 2, windowMs: 10 * 60_000 };
  it('allows up to the limit, then tells when to retry, then opens a new window', () => {
    const first = countAttempt(null, limit, t0);
    const second = first.allowed ? countAttempt(first.window, limit, at(1)) : first;
    const third = second.allowed ? countAttempt(second.window, limit, at(4)) : second;
    expect([first.allowed, second.allowed, third]).toEqual([
      true,
      true,
      { allowed: false, retryAfterSeconds: 360 },
    ]);
    expect(second.allowed && countAttempt(second.window, limit, at(10))).toMatchObject({
      allowed: true,
      window: { count: 1 },
    });
  });
});

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

describe('linking an ESIA person to a customer', () => {
  const profile: EsiaProfile = {
    oid: '1',
    trusted: true,
    lastName: 'Смирнова',
    firstName: 'Ольга',
    middleName: null,
    birthDate: '1978-09-21',
    gender: 'F',
    snils: '143-256-789 68',
    inn: '771345678963',
    passport: {
      series: '4508',
      number: '123456',
      issueDate: null,
      divisionCode: null,
      issuedBy: null,
      verified: true,
    },
    phone: null,
    email: null,
    registrationAddress: null,
  };
  it('tries the oid, then SNILS, INN and passport with birth date, in that order', () => {
    expect(customerLookups(profile).map((lookup) => lookup.by)).toEqual([
      'esiaOid',
      'snils',
      'inn',
      'passport',
    ]);
  });
  it('never links an unconfirmed account by its data, only by its own oid', () => {
    expect(customerLookups({ ...profile, trusted: false })).toEqual([{ by: 'esiaOid', oid: '1' }]);
  });
  it('skips an unverified passport', () => {
    const unverified = { ...profile, passport: { ...profile.passport!, verified: false } };
    expect(customerLookups(unverified).map((lookup) => lookup.by)).toEqual(['esiaOid', 'snils', 'inn']);
  });
});
