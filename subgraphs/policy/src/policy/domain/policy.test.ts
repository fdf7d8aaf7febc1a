import { describe, expect, it } from 'vitest';
import { kopecks, rubles, zero } from '@cabinet/kernel';
import { instalmentStatusLabel } from './instalments.ts';
import {
  assertInstalmentPayable,
  expireIfEnded,
  issuePolicy,
  recordInstalmentPaid,
  statusOn,
  type DomainContext,
  type PolicyDraft,
} from './policy.ts';

const context: DomainContext = (() => {
  let next = 0;
  return { now: () => new Date('2025-02-20T09:00:00Z'), newId: () => `id-${(next += 1)}` };
})();

const dms: PolicyDraft = {
  number: 'ДМС-25-00000005',
  product: 'DMS',
  holderId: 'customer-1',
  insuredObject: {
    kind: 'PERSONS',
    persons: [{ fullName: 'Петрова Анна Сергеевна', birthDate: '1990-07-01' }],
  },
  startsOn: '2025-03-01',
  termMonths: 12,
  coverages: [{ code: 'DMS_OUTPATIENT', sumInsured: rubles(1_000_001), deductible: zero('RUB') }],
  instalmentCount: 12,
};

describe('issuePolicy', () => {
  it('prices the term and splits the premium into monthly instalments', () => {
    const policy = issuePolicy(dms, context);
    // 1 000 001 × 25 ‰ = 25 000.025 → 25 000.03 ₽; 2 500 003 kopecks / 12 = 208 333 r 7
    expect(policy).toMatchObject({
      status: 'ACTIVE',
      period: { startsOn: '2025-03-01', endsOn: '2026-02-28' },
      premium: kopecks(2_500_003),
      revision: 1,
      issuedAt: '2025-02-20T09:00:00.000Z',
    });
    expect(policy.instalments).toHaveLength(12);
    expect(policy.instalments[0]).toMatchObject({ dueOn: '2025-03-01', amount: kopecks(208_340) });
    expect(policy.instalments[11]).toMatchObject({ dueOn: '2026-02-01', amount: kopecks(208_333) });
  });

  it.each([
    { draft: { ...dms, termMonths: 6 }, code: 'TERM_NOT_ALLOWED' },
    { draft: { ...dms, instalmentCount: 5 }, code: 'INSTALMENTS_NOT_ALLOWED' },
    { draft: { ...dms, insuredObject: { kind: 'PERSONS', persons: [] } }, code: 'NO_INSURED_PERSONS' },
    {
      draft: { ...dms, insuredObject: { kind: 'PROPERTY', address: 'г. Тула', propertyType: 'HOUSE' } },
      code: 'INSURED_OBJECT_MISMATCH',
    },
    { draft: { ...dms, coverages: [] }, code: 'INVALID_COVERAGES' },
    { draft: { ...dms, coverages: [...dms.coverages, ...dms.coverages] }, code: 'INVALID_COVERAGES' },
    {
      draft: {
        ...dms,
        coverages: [{ code: 'KASKO_DAMAGE_THEFT', sumInsured: rubles(1_000_000), deductible: zero('RUB') }],
      },
      code: 'COVERAGE_NOT_AVAILABLE',
    },
  ] satisfies { draft: PolicyDraft; code: string }[])('refuses with $code', ({ draft, code }) => {
    expect(() => issuePolicy(draft, context)).toThrow(expect.objectContaining({ code }));
  });

  it('refuses a number of another product', () => {
    expect(() => issuePolicy({ ...dms, number: 'ХХХ 0000000001' }, context)).toThrow(RangeError);
  });
});

describe('status over time', () => {
  const policy = issuePolicy(dms, context);

  it.each([
    { today: '2026-02-28', stored: 'ACTIVE', shown: 'ACTIVE' },
    { today: '2026-03-01', stored: 'ACTIVE', shown: 'EXPIRED' },
    { today: '2026-03-01', stored: 'RENEWED', shown: 'RENEWED' },
    { today: '2026-03-01', stored: 'CANCELLED', shown: 'CANCELLED' },
  ] as const)('$stored on $today reads as $shown', ({ today, stored, shown }) => {
    expect(statusOn({ ...policy, status: stored }, today)).toBe(shown);
  });

  it('expires once, bumping the revision', () => {
    const expired = expireIfEnded(policy, new Date('2026-02-28T21:00:00Z'));
    expect(expired).toMatchObject({ status: 'EXPIRED', revision: 2 });
    expect(expireIfEnded(expired, new Date('2026-03-05T00:00:00Z'))).toBe(expired);
    expect(expireIfEnded(policy, new Date('2026-02-28T20:59:59Z'))).toBe(policy);
  });
});

describe('instalments', () => {
  const policy = issuePolicy(dms, context);
  const first = policy.instalments[0]!;

  it('pays a due instalment once', () => {
    expect(assertInstalmentPayable(policy, first.id)).toBe(first);
    const paid = recordInstalmentPaid(policy, first.id, 'payment-1', new Date('2025-03-01T10:00:00Z'));
    expect(paid.instalments[0]).toMatchObject({
      status: 'PAID',
      paymentId: 'payment-1',
      paidAt: '2025-03-01T10:00:00.000Z',
    });
    expect(instalmentStatusLabel(paid.instalments[0]!)).toBe('оплачено');
    expect(recordInstalmentPaid(paid, first.id, 'payment-1', new Date('2025-03-02T10:00:00Z'))).toBe(paid);
    expect(() => recordInstalmentPaid(paid, first.id, 'payment-2', new Date('2025-03-02T10:00:00Z'))).toThrow(
      expect.objectContaining({ code: 'INSTALMENT_ALREADY_PAID' }),
    );
    expect(() => assertInstalmentPayable(paid, first.id)).toThrow(
      expect.objectContaining({ code: 'INSTALMENT_ALREADY_PAID' }),
    );
  });

  it.each([
    { policy: { ...policy, status: 'CANCELLED' as const }, instalmentId: first.id, code: 'POLICY_CANCELLED' },
    { policy, instalmentId: 'nope', code: 'INSTALMENT_NOT_FOUND' },
    {
      policy: { ...policy, instalments: [{ ...first, kind: 'ADJUSTMENT' as const, amount: kopecks(-100) }] },
      instalmentId: first.id,
      code: 'INSTALMENT_NOT_PAYABLE',
    },
  ])('refuses with $code', ({ policy: target, instalmentId, code }) => {
    expect(() => assertInstalmentPayable(target, instalmentId)).toThrow(expect.objectContaining({ code }));
  });
});
