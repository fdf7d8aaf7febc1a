import { demoCustomers, demoPolicies, type DemoCustomer, type DemoPolicy } from '@cabinet/demo-data';
import { addDays, daysBetween, moscowDate } from '@cabinet/policy/domain';

export interface PolicyCast {
  /** Holds an ACTIVE ОСАГО policy whose renewal window is open. */
  readonly renewing: { readonly customer: DemoCustomer; readonly policy: DemoPolicy };
  /** Holds an ACTIVE property policy with months left: its sums can change. */
  readonly changing: { readonly customer: DemoCustomer; readonly policy: DemoPolicy };
  /** Holds an ACTIVE policy with at least two unpaid instalments. */
  readonly instalments: {
    readonly customer: DemoCustomer;
    readonly policy: DemoPolicy;
    readonly instalmentId: string;
    readonly nextInstalmentId: string;
  };
  /** Holds none of the above. */
  readonly stranger: DemoCustomer;
}

/** Demo registry customers whose policies let a test walk renewal, changes and instalment payments. */
export function policyCast(now = new Date()): PolicyCast {
  const customers = demoCustomers();
  const { policies } = demoPolicies(customers, now);
  const today = moscowDate(now);
  const customerOf = (policy: DemoPolicy): DemoCustomer => {
    const customer = customers.find((c) => c.id === policy.holderId);
    if (!customer) throw new Error(`no holder for ${policy.number}`);
    return customer;
  };
  const find = (what: string, test: (policy: DemoPolicy) => boolean): DemoPolicy => {
    const policy = policies.find((p) => p.status === 'ACTIVE' && test(p));
    if (!policy) throw new Error(`the demo registry has no ${what}`);
    return policy;
  };
  const renewing = find('renewable ОСАГО', (p) => {
    const left = daysBetween(today, p.period.endsOn);
    return p.product === 'OSAGO' && left >= 2 && left <= 55;
  });
  const changing = find(
    'property policy with months left',
    (p) => p.product === 'PROPERTY' && daysBetween(addDays(today, 1), p.period.endsOn) > 60,
  );
  const unpaid = (p: DemoPolicy) =>
    p.instalments.filter((i) => i.status === 'DUE' && i.amount.minorUnits > 0);
  const withInstalment = find(
    'policy with two unpaid instalments',
    (p) => p.holderId !== changing.holderId && unpaid(p).length >= 2,
  );
  const [instalment, nextInstalment] = unpaid(withInstalment);
  const busy = new Set([renewing.holderId, changing.holderId, withInstalment.holderId]);
  const stranger = customers.find((c) => !busy.has(c.id));
  if (!instalment || !nextInstalment || !stranger) throw new Error('the demo registry is too small');
  return {
    renewing: { customer: customerOf(renewing), policy: renewing },
    changing: { customer: customerOf(changing), policy: changing },
    instalments: {
      customer: customerOf(withInstalment),
      policy: withInstalment,
      instalmentId: instalment.id,
      nextInstalmentId: nextInstalment.id,
    },
    stranger,
  };
}
