import { describe, expect, it } from 'vitest';
import { kopecks, rubles, zero } from '@cabinet/kernel';
import { issuePolicy, type DomainContext, type Policy, type PolicyDraft } from './policy.ts';
import { osagoPolicyNumber, prolongedPolicyNumber } from './policyNumber.ts';
import { assertQuoteOpen } from './quote.ts';
import { applyRenewal, quoteRenewal, renewalWindow } from './renewal.ts';

function contextAt(instant: string): DomainContext {
  let next = 0;
  return { now: () => new Date(instant), newId: () => `id-${(next += 1)}` };
}

const moscow = (date: string, time = '12:00:00') => `${date}T${time}+03:00`;

const kasko: PolicyDraft = {
  number: 'КАС-25-00000042',
  product: 'KASKO',
  holderId: 'customer-1',
  insuredObject: {
    kind: 'VEHICLE',
    vehicle: {
      vin: 'XTA210990Y2766389',
      plate: 'А123ВС77',
      make: 'LADA',
      model: 'Vesta',
      manufactureYear: 2023,
      enginePowerHp: 106,
      ownerTerritory: 'MOSCOW',
      usageMonths: 12,
    },
    drivers: { kind: 'UNLIMITED', ownerKbmClass: '3' },
  },
  startsOn: '2025-03-01',
  termMonths: 12,
  coverages: [{ code: 'KASKO_DAMAGE_THEFT', sumInsured: rubles(2_500_000), deductible: zero('RUB') }],
  instalmentCount: 4,
};

const osago: PolicyDraft = {
  ...kasko,
  number: 'ХХХ 0000000007',
  product: 'OSAGO',
  coverages: [
    { code: 'OSAGO_PROPERTY', sumInsured: rubles(400_000), deductible: zero('RUB') },
    { code: 'OSAGO_LIFE_HEALTH', sumInsured: rubles(500_000), deductible: zero('RUB') },
  ],
  instalmentCount: 1,
};

const issued = (draft: PolicyDraft): Policy => issuePolicy(draft, contextAt(moscow('2025-02-20')));

describe('renewal window: 60 days before the end until 30 days after', () => {
  const policy = issued(kasko); // 2025-03-01 … 2026-02-28

  it('is computed from the last day of the period', () => {
    expect(policy.period).toEqual({ startsOn: '2025-03-01', endsOn: '2026-02-28' });
    expect(renewalWindow(policy)).toEqual({ opensOn: '2025-12-30', closesOn: '2026-03-30' });
  });

  it.each([
    { now: moscow('2025-12-29', '23:59:59'), open: false, why: '61 days before the end, last second' },
    {
      now: moscow('2025-12-30', '00:00:00'),
      open: true,
      why: 'exactly 60 days before the end, Moscow midnight',
    },
    { now: moscow('2026-02-28'), open: true, why: 'the last day of the period' },
    { now: moscow('2026-03-30', '23:59:59'), open: true, why: 'exactly 30 days after the end' },
    { now: moscow('2026-03-31', '00:00:00'), open: false, why: '31 days after the end' },
  ])('$why: open = $open', ({ now, open }) => {
    const quote = () => quoteRenewal(policy, 12, contextAt(now));
    if (open) {
      expect(quote().kind).toBe('RENEWAL');
    } else {
      expect(quote).toThrow(
        expect.objectContaining({
          code: 'RENEWAL_NOT_AVAILABLE',
          message: expect.stringContaining('с 30.12.2025 по 30.03.2026') as unknown,
          details: { availableFrom: '2025-12-30', availableUntil: '2026-03-30' },
        }),
      );
    }
  });

  it.each([
    { status: 'CANCELLED', code: 'RENEWAL_NOT_AVAILABLE' },
    { status: 'SUSPENDED', code: 'RENEWAL_NOT_AVAILABLE' },
    { status: 'RENEWED', code: 'POLICY_ALREADY_RENEWED' },
  ] as const)('refuses a $status policy with $code', ({ status, code }) => {
    expect(() => quoteRenewal({ ...policy, status }, 12, contextAt(moscow('2026-02-01')))).toThrow(
      expect.objectContaining({ code }),
    );
  });

  it('allows the terms of the product only', () => {
    expect(() => quoteRenewal(policy, 3, contextAt(moscow('2026-02-01')))).toThrow(
      expect.objectContaining({ code: 'TERM_NOT_ALLOWED', details: { allowed: [6, 12] } }),
    );
  });
});

describe('quoteRenewal', () => {
  const policy = issued(kasko);

  it('prices the next term on the tariff of its first day and keeps the instalment count', () => {
    const quote = quoteRenewal(policy, 12, contextAt(moscow('2026-01-15', '10:00:00')));
    // the car (2023) is 2 years old in March 2025 (5.5 %) and 3 in March 2026 (6.5 %): 2 500 000 × 6.5 %
    expect(policy.premium).toEqual(rubles(137_500));
    expect(quote).toMatchObject({
      policyId: policy.id,
      policyRevision: 1,
      period: { startsOn: '2026-03-01', endsOn: '2027-02-28' },
      premium: rubles(162_500),
      amountDueNow: rubles(40_625),
      newContract: false,
      createdAt: '2026-01-15T07:00:00.000Z',
      expiresAt: '2026-01-16T07:00:00.000Z',
    });
    expect(quote.instalments).toEqual([
      { dueOn: '2026-03-01', amount: rubles(40_625) },
      { dueOn: '2026-06-01', amount: rubles(40_625) },
      { dueOn: '2026-09-01', amount: rubles(40_625) },
      { dueOn: '2026-12-01', amount: rubles(40_625) },
    ]);
  });

  it('starts a late renewal tomorrow, not in the past', () => {
    const quote = quoteRenewal(policy, 6, contextAt(moscow('2026-03-30')));
    expect(quote.period).toEqual({ startsOn: '2026-03-31', endsOn: '2026-09-30' });
    // 162 500 × 6/12 in one payment: four instalments do not divide six months
    expect(quote.instalments.map((i) => i.amount)).toEqual([rubles(81_250)]);
  });

  it('starts an e-ОСАГО renewal no earlier than 3 days after purchase', () => {
    const quote = quoteRenewal(issued(osago), 12, contextAt(moscow('2026-02-27')));
    expect(quote.period.startsOn).toBe('2026-03-02');
    expect(quote.newContract).toBe(true);
  });

  it('expires after 24 hours', () => {
    const quote = quoteRenewal(policy, 12, contextAt(moscow('2026-01-15', '10:00:00')));
    expect(() => assertQuoteOpen(quote, new Date('2026-01-16T06:59:59.999Z'))).not.toThrow();
    expect(() => assertQuoteOpen(quote, new Date('2026-01-16T07:00:00.000Z'))).toThrow(
      expect.objectContaining({ code: 'QUOTE_EXPIRED' }),
    );
  });
});

describe('applyRenewal', () => {
  it('ОСАГО: a new contract with a new number; the old one becomes RENEWED', () => {
    const policy = issued(osago);
    const context = contextAt(moscow('2026-02-01'));
    const quote = quoteRenewal(policy, 12, context);
    const { renewed, successor } = applyRenewal(
      policy,
      quote,
      { paymentId: 'payment-1', successorNumber: osagoPolicyNumber(8) },
      context,
    );
    expect(renewed).toMatchObject({ status: 'RENEWED', renewedBy: successor.id, revision: 2 });
    expect(successor).toMatchObject({
      number: 'ХХХ 0000000008',
      status: 'ACTIVE',
      renewalOf: policy.id,
      period: { startsOn: '2026-03-01', endsOn: '2027-02-28' },
      premium: quote.premium,
      revision: 1,
    });
    expect(successor.instalments).toEqual([
      expect.objectContaining({ status: 'PAID', paymentId: 'payment-1', amount: quote.premium }),
    ]);
  });

  it('КАСКО: the contract is prolonged under a suffixed number, first instalment paid', () => {
    const policy = issued(kasko);
    const context = contextAt(moscow('2026-02-01'));
    const quote = quoteRenewal(policy, 12, context);
    const { successor } = applyRenewal(
      policy,
      quote,
      { paymentId: 'payment-2', successorNumber: prolongedPolicyNumber(policy.number) },
      context,
    );
    expect(successor.number).toBe('КАС-25-00000042/1');
    expect(successor.instalments.map((i) => [i.status, i.amount])).toEqual([
      ['PAID', rubles(40_625)],
      ['DUE', rubles(40_625)],
      ['DUE', rubles(40_625)],
      ['DUE', rubles(40_625)],
    ]);
  });

  it('refuses a quote made before the policy changed', () => {
    const policy = issued(kasko);
    const context = contextAt(moscow('2026-02-01'));
    const quote = quoteRenewal(policy, 12, context);
    const changed = { ...policy, revision: 2 };
    expect(() =>
      applyRenewal(changed, quote, { paymentId: 'p', successorNumber: 'КАС-25-00000042/1' }, context),
    ).toThrow(expect.objectContaining({ code: 'QUOTE_OUTDATED' }));
  });

  it('refuses to reuse the old number', () => {
    const policy = issued(osago);
    const context = contextAt(moscow('2026-02-01'));
    const quote = quoteRenewal(policy, 12, context);
    expect(() =>
      applyRenewal(policy, quote, { paymentId: 'p', successorNumber: policy.number }, context),
    ).toThrow(RangeError);
  });

  it('keeps odd kopecks on the first instalment', () => {
    const policy = issued({
      ...kasko,
      coverages: [{ code: 'KASKO_DAMAGE_THEFT', sumInsured: kopecks(250_000_003), deductible: zero('RUB') }],
    });
    const quote = quoteRenewal(policy, 12, contextAt(moscow('2026-02-01')));
    // 2 500 000.03 × 6.5 % = 162 500.00195 → 16 250 000 kopecks
    expect(quote.instalments.map((i) => i.amount.minorUnits)).toEqual([
      4_062_500, 4_062_500, 4_062_500, 4_062_500,
    ]);
  });
});
