import { demoCustomers, demoPolicies, type DemoCustomer, type DemoPolicy } from '@cabinet/demo-data';

/** A demo customer with a policy in force today, and another customer: the usual cast of a test. */
export function demoCast(today = new Date()): {
  customer: DemoCustomer;
  policy: DemoPolicy;
  stranger: DemoCustomer;
} {
  const customers = demoCustomers();
  const { policies } = demoPolicies(customers, today);
  const todayIso = today.toISOString().slice(0, 10);
  const policy = policies.find(
    (p) =>
      p.status === 'ACTIVE' &&
      p.product === 'OSAGO' &&
      p.period.startsOn < todayIso &&
      todayIso <= p.period.endsOn,
  );
  if (!policy) throw new Error('the demo registry has no active ОСАГО policy');
  const customer = customers.find((c) => c.id === policy.holderId);
  const stranger = customers.find((c) => c.id !== policy.holderId);
  if (!customer || !stranger) throw new Error('the demo registry is too small');
  return { customer, policy, stranger };
}
