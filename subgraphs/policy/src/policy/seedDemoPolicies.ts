import { PRODUCTS } from './domain/index.ts';
import type { PolicyNumbers } from './policyNumbers.ts';
import type { PolicyRepository } from './policyRepository.ts';

/**
 * Fills an empty policy store with the demo registry's policies and continues each product's number
 * sequence after them; a store with policies is left alone.
 */
export async function seedDemoPolicies(
  policies: PolicyRepository,
  numbers: PolicyNumbers,
  now: Date,
): Promise<number> {
  if ((await policies.count()) > 0) return 0;
  const { demoCustomers, demoPolicies } = await import('@cabinet/demo-data');
  const registry = demoPolicies(demoCustomers(), now);
  for (const policy of registry.policies) await policies.insert(policy);
  for (const product of PRODUCTS) await numbers.advanceTo(product, registry.sequences[product]);
  return registry.policies.length;
}
