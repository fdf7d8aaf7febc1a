import {
  DEMO_PARTNERS,
  demoCustomers,
  demoPolicies,
  type DemoCustomer,
  type DemoPolicy,
} from '@cabinet/demo-data';

export interface PartnerSoldPolicy {
  readonly customer: DemoCustomer;
  readonly policy: DemoPolicy;
  readonly partnerId: string;
}

/**
 * Demo customers whose policies two different partners sold, each policy in force with a day to
 * spare on both sides of today: a claim on either is valid, and each partner follows only its own.
 */
export function claimsCast(today = new Date()): { own: PartnerSoldPolicy; other: PartnerSoldPolicy } {
  const customers = demoCustomers();
  const { policies } = demoPolicies(customers, today);
  const dayOff = (days: number) => new Date(today.getTime() + days * 86_400_000).toISOString().slice(0, 10);
  const inForce = (policy: DemoPolicy) =>
    policy.status === 'ACTIVE' && policy.period.startsOn < dayOff(-1) && dayOff(1) < policy.period.endsOn;
  const soldBy = (partnerId: string, exceptHolder?: string): PartnerSoldPolicy => {
    const policy = policies.find(
      (p) => inForce(p) && p.soldByPartnerId === partnerId && p.holderId !== exceptHolder,
    );
    const customer = customers.find((c) => c.id === policy?.holderId);
    if (!policy || !customer)
      throw new Error(`the demo registry has no policy in force sold by ${partnerId}`);
    return { customer, policy, partnerId };
  };
  const [first, second] = DEMO_PARTNERS;
  const own = soldBy(first.id);
  return { own, other: soldBy(second.id, own.customer.id) };
}
