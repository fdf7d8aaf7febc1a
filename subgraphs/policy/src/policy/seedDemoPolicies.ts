import type { PolicyRepository } from './policyRepository.ts';

/** Fills an empty policy store with the demo registry's policies; a store with policies is left alone. */
export async function seedDemoPolicies(policies: PolicyRepository, today: Date): Promise<number> {
  if ((await policies.count()) > 0) return 0;
  const { demoCustomers, demoPolicies } = await import('@cabinet/demo-data');
  const registry = demoPolicies(demoCustomers(), today);
  for (const policy of registry) await policies.insert(policy);
  return registry.length;
}
