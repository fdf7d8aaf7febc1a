import { moscowDate } from '@cabinet/kernel';
import { POLICY_STATUSES, PRODUCTS, statusOn } from '@cabinet/policy/domain';
import { describe, expect, it } from 'vitest';
import { demoCustomers } from './customers.ts';
import { demoPolicies } from './policies.ts';

const now = new Date('2026-06-15T09:00:00Z');
const customers = demoCustomers();
const registry = demoPolicies(customers, now);

describe('demoPolicies', () => {
  it('builds the same registry for the same customers and day', () => {
    expect(demoPolicies(customers, now)).toEqual(registry);
  });

  it('holds a few hundred policies with every status of every product', () => {
    expect(registry.policies.length).toBeGreaterThan(300);
    const seen = new Set(registry.policies.map((p) => `${p.product}/${p.status}`));
    for (const product of PRODUCTS) {
      for (const status of POLICY_STATUSES)
        expect(seen, `${product}/${status}`).toContain(`${product}/${status}`);
    }
  });

  it('gives every customer a policy, numbered uniquely within the sequences it reports', () => {
    const holders = new Set(registry.policies.map((p) => p.holderId));
    expect(customers.every((c) => holders.has(c.id))).toBe(true);
    const numbers = registry.policies.map((p) => p.number);
    expect(new Set(numbers).size).toBe(numbers.length);
    const osagoSequences = numbers.filter((n) => n.startsWith('ХХХ ')).map((n) => Number(n.slice(4)));
    expect(Math.max(...osagoSequences)).toBe(registry.sequences.OSAGO);
  });

  it('stores statuses as they stand today and links each renewed term to its successor', () => {
    const today = moscowDate(now);
    const byId = new Map(registry.policies.map((p) => [p.id, p]));
    for (const policy of registry.policies) {
      expect(statusOn(policy, today)).toBe(policy.status);
      if (policy.status === 'RENEWED') {
        const successor = byId.get(policy.renewedBy ?? '');
        expect(successor?.renewalOf).toBe(policy.id);
        expect(successor?.holderName).toEqual(policy.holderName);
      }
    }
  });
});
