import { describe, expect, it } from 'vitest';
import { euros, kopecks, rubles, zero } from '@cabinet/kernel';
import { applyCoverageChange, quoteCoverageChange, type CoverageChangeRequest } from './coverageChange.ts';
import {
  issuePolicy,
  recordInstalmentPaid,
  type DomainContext,
  type Policy,
  type PolicyDraft,
} from './policy.ts';

function contextAt(date: string): DomainContext {
  let next = 0;
  return { now: () => new Date(`${date}T12:00:00+03:00`), newId: () => `id-${(next += 1)}` };
}

const flat: PolicyDraft = {
  number: 'ИМУ-25-00000100',
  product: 'PROPERTY',
  holderId: 'customer-1',
  insuredObject: {
    kind: 'PROPERTY',
    address: 'г. Москва, ул. Тверская, д. 1, кв. 1',
    propertyType: 'APARTMENT',
  },
  startsOn: '2025-03-01', // … 2026-02-28, 365 days
  termMonths: 12,
  coverages: [
    { code: 'PROPERTY_STRUCTURE', sumInsured: rubles(5_000_000), deductible: zero('RUB') }, // 2 ‰: 10 000 ₽
    { code: 'PROPERTY_FINISHING', sumInsured: rubles(1_500_000), deductible: zero('RUB') }, // 4 ‰: 6 000 ₽
  ],
  instalmentCount: 2,
};

/** The flat's policy with its first instalment (8 000 ₽, due 1 March) paid and the second (1 September) due. */
function flatPolicy(): Policy {
  const policy = issuePolicy(flat, contextAt('2025-02-20'));
  return recordInstalmentPaid(
    policy,
    policy.instalments[0]!.id,
    'payment-0',
    new Date('2025-03-01T09:00:00Z'),
  );
}

describe('quoteCoverageChange: pro rata for the remaining days', () => {
  it.each([
    {
      given: 'structure raised to 8 000 000 ₽ on 1 September',
      today: '2025-09-01',
      changes: [{ code: 'PROPERTY_STRUCTURE', sumInsured: rubles(8_000_000) }],
      // effective 2 September; 180 of 365 days remain; +6 000 ₽ a year × 180/365 = 2 958.904… ₽
      remainingDays: 180,
      premiumDelta: kopecks(295_890),
      amountDueNow: kopecks(295_890),
      unpaid: [rubles(8_000), kopecks(295_890)],
    },
    {
      given: 'structure lowered to 2 000 000 ₽: the refund comes off the unpaid instalment',
      today: '2025-09-01',
      changes: [{ code: 'PROPERTY_STRUCTURE', sumInsured: rubles(2_000_000) }],
      remainingDays: 180,
      premiumDelta: kopecks(-295_890),
      amountDueNow: zero('RUB'),
      // 8 000.00 − 2 958.90
      unpaid: [kopecks(504_110)],
    },
    {
      given: 'both sums cut to the minimum early in the term: more than is unpaid is refunded',
      today: '2025-03-10',
      changes: [
        { code: 'PROPERTY_STRUCTURE', sumInsured: rubles(300_000) },
        { code: 'PROPERTY_FINISHING', sumInsured: rubles(50_000) },
      ],
      // 16 000 → 800 ₽ a year: −15 200 × 355/365 = −14 783.56 ₽; 8 000 ₽ unpaid goes, 6 783.56 ₽ back
      remainingDays: 355,
      premiumDelta: kopecks(-1_478_356),
      amountDueNow: kopecks(-678_356),
      unpaid: [kopecks(-678_356)],
    },
  ] satisfies {
    given: string;
    today: string;
    changes: CoverageChangeRequest[];
    remainingDays: number;
    premiumDelta: unknown;
    amountDueNow: unknown;
    unpaid: unknown[];
  }[])('$given', ({ today, changes, remainingDays, premiumDelta, amountDueNow, unpaid }) => {
    const quote = quoteCoverageChange(flatPolicy(), changes, contextAt(today));
    expect(quote).toMatchObject({ remainingDays, periodDays: 365, premiumDelta, amountDueNow });
    expect(quote.instalments.filter((i) => i.status === 'DUE').map((i) => i.amount)).toEqual(unpaid);
  });

  it('prices a change before the start for the whole period', () => {
    const policy = issuePolicy(flat, contextAt('2025-02-20'));
    const quote = quoteCoverageChange(
      policy,
      [{ code: 'PROPERTY_FINISHING', sumInsured: rubles(2_000_000) }],
      contextAt('2025-02-25'),
    );
    expect(quote).toMatchObject({
      effectiveFrom: '2025-03-01',
      remainingDays: 365,
      premiumDelta: rubles(2_000),
    });
  });

  it.each([
    {
      code: 'COVERAGE_FIXED_BY_LAW',
      policy: () =>
        issuePolicy(
          {
            ...flat,
            number: 'ХХХ 0000000001',
            product: 'OSAGO',
            insuredObject: {
              kind: 'VEHICLE',
              vehicle: {
                vin: 'XTA210990Y2766389',
                plate: 'А123ВС77',
                make: 'LADA',
                model: 'Granta',
                manufactureYear: 2020,
                enginePowerHp: 90,
                ownerTerritory: 'KAZAN',
                usageMonths: 12,
              },
              drivers: { kind: 'UNLIMITED', ownerKbmClass: '3' },
            },
            coverages: [
              { code: 'OSAGO_PROPERTY', sumInsured: rubles(400_000), deductible: zero('RUB') },
              { code: 'OSAGO_LIFE_HEALTH', sumInsured: rubles(500_000), deductible: zero('RUB') },
            ],
            instalmentCount: 1,
          },
          contextAt('2025-02-20'),
        ),
      changes: [{ code: 'OSAGO_PROPERTY', sumInsured: rubles(1_000_000) }],
    },
    {
      code: 'COVERAGE_SUM_OUT_OF_RANGE',
      policy: flatPolicy,
      changes: [{ code: 'PROPERTY_STRUCTURE', sumInsured: rubles(60_000_000) }],
    },
    {
      code: 'COVERAGE_SUM_OUT_OF_RANGE',
      policy: flatPolicy,
      changes: [{ code: 'PROPERTY_STRUCTURE', sumInsured: euros(1_000_000) }],
    },
    {
      code: 'DEDUCTIBLE_OUT_OF_RANGE',
      policy: flatPolicy,
      changes: [{ code: 'PROPERTY_STRUCTURE', sumInsured: rubles(5_000_000), deductible: rubles(10_000) }],
    },
    {
      code: 'COVERAGE_NOT_ON_POLICY',
      policy: flatPolicy,
      changes: [{ code: 'PROPERTY_BELONGINGS', sumInsured: rubles(500_000) }],
    },
    {
      code: 'COVERAGE_NOT_ON_POLICY',
      policy: flatPolicy,
      changes: [{ code: 'DMS_DENTAL', sumInsured: rubles(500_000) }],
    },
    {
      code: 'NO_COVERAGE_CHANGE',
      policy: flatPolicy,
      changes: [{ code: 'PROPERTY_STRUCTURE', sumInsured: rubles(5_000_000) }],
    },
    {
      code: 'INVALID_COVERAGES',
      policy: flatPolicy,
      changes: [],
    },
    {
      code: 'COVERAGE_CHANGE_NOT_AVAILABLE',
      policy: () => ({ ...flatPolicy(), status: 'SUSPENDED' as const }),
      changes: [{ code: 'PROPERTY_STRUCTURE', sumInsured: rubles(6_000_000) }],
    },
  ] satisfies { code: string; policy: () => Policy; changes: CoverageChangeRequest[] }[])(
    'refuses with $code',
    ({ code, policy, changes }) => {
      expect(() => quoteCoverageChange(policy(), changes, contextAt('2025-09-01'))).toThrow(
        expect.objectContaining({ code }),
      );
    },
  );

  it('refuses on the last day, when the change would start after the end', () => {
    expect(() =>
      quoteCoverageChange(
        flatPolicy(),
        [{ code: 'PROPERTY_STRUCTURE', sumInsured: rubles(6_000_000) }],
        contextAt('2026-02-28'),
      ),
    ).toThrow(expect.objectContaining({ code: 'COVERAGE_CHANGE_NOT_AVAILABLE' }));
  });
});

describe('applyCoverageChange', () => {
  it('applies the quoted sums, premium and schedule and settles the adjustment', () => {
    const policy = flatPolicy();
    const context = contextAt('2025-09-01');
    const quote = quoteCoverageChange(
      policy,
      [{ code: 'PROPERTY_STRUCTURE', sumInsured: rubles(8_000_000) }],
      context,
    );
    const changed = applyCoverageChange(policy, quote, { paymentId: 'payment-9' }, context);
    expect(changed.coverages[0]?.sumInsured).toEqual(rubles(8_000_000));
    expect(changed.premium).toEqual(kopecks(1_600_000 + 295_890));
    expect(changed.revision).toBe(policy.revision + 1);
    expect(changed.instalments.at(-1)).toMatchObject({
      kind: 'ADJUSTMENT',
      amount: kopecks(295_890),
      status: 'PAID',
      paymentId: 'payment-9',
    });
  });

  it('needs no payment when the refund only lowers unpaid instalments', () => {
    const policy = flatPolicy();
    const context = contextAt('2025-09-01');
    const quote = quoteCoverageChange(
      policy,
      [{ code: 'PROPERTY_STRUCTURE', sumInsured: rubles(2_000_000) }],
      context,
    );
    const changed = applyCoverageChange(policy, quote, {}, context);
    expect(changed.premium).toEqual(kopecks(1_600_000 - 295_890));
    expect(changed.instalments.map((i) => [i.status, i.amount.minorUnits])).toEqual([
      ['PAID', 800_000],
      ['DUE', 504_110],
    ]);
  });

  it('refuses a quote for an older revision', () => {
    const policy = flatPolicy();
    const context = contextAt('2025-09-01');
    const quote = quoteCoverageChange(
      policy,
      [{ code: 'PROPERTY_STRUCTURE', sumInsured: rubles(8_000_000) }],
      context,
    );
    const applied = applyCoverageChange(policy, quote, { paymentId: 'payment-9' }, context);
    expect(() => applyCoverageChange(applied, quote, { paymentId: 'payment-10' }, context)).toThrow(
      expect.objectContaining({ code: 'QUOTE_OUTDATED' }),
    );
  });
});
