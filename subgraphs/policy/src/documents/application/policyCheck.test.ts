import { rubles, zero } from '@cabinet/kernel';
import { describe, expect, it } from 'vitest';
import { issuePolicy, type Policy } from '../../policy/domain/index.ts';
import { policyCheckOf } from './policyCheck.ts';

let ids = 0;
const policy: Policy = issuePolicy(
  {
    number: 'ИМУ-26-00000007',
    product: 'PROPERTY',
    holderId: 'holder-id',
    insuredObject: { kind: 'PROPERTY', address: 'г. Тверь, ул. Советская, д. 5', propertyType: 'HOUSE' },
    startsOn: '2026-02-01',
    termMonths: 12,
    coverages: [{ code: 'PROPERTY_STRUCTURE', sumInsured: rubles(1_000_000), deductible: zero('RUB') }],
    instalmentCount: 1,
  },
  { now: () => new Date('2026-01-20T09:00:00Z'), newId: () => `id-${(ids += 1)}` },
);

describe('policyCheckOf', () => {
  it('tells a policy in force by its number, product, period and status, and nothing about the holder or the house', () => {
    const check = policyCheckOf(policy, '2026-03-01');
    expect(check).toEqual({
      insurer: 'АО «Страховая компания»',
      checkedOn: '01.03.2026',
      number: 'ИМУ-26-00000007',
      product: 'Страхование имущества',
      period: 'с 01.02.2026 по 31.01.2027',
      status: 'действует',
      inForce: true,
    });
    expect(JSON.stringify(check)).not.toMatch(/holder-id|Тверь|Советская/);
  });

  it('is not in force before its start, after its end, or once cancelled, which it dates', () => {
    expect(policyCheckOf(policy, '2026-01-31').inForce).toBe(false);
    expect(policyCheckOf(policy, '2027-02-01')).toMatchObject({ status: 'истёк', inForce: false });
    expect(
      policyCheckOf({ ...policy, status: 'CANCELLED', cancelledOn: '2026-03-15' }, '2026-04-01'),
    ).toMatchObject({ status: 'расторгнут с 15.03.2026', inForce: false });
  });
});
