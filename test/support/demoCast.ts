import { addDays, moscowDate } from '@cabinet/kernel';
import type { StaffRole } from '@cabinet/kernel';
import {
  DEMO_PARTNERS,
  DEMO_STAFF,
  EXISTING_CUSTOMER_ID,
  SECOND_CUSTOMER_ID,
  demoCustomers,
  demoPolicies,
  demoPolicyCast,
  type DemoCustomer,
  type DemoPolicy,
} from '@cabinet/demo-data';
import { systemClock } from './systemClock.ts';

/**
 * The moment the e2e systems of this test process seed their demo data as of, and the casts below
 * are read at. The demo registry keeps every role below on any date, so no test depends on the day.
 */
export const SEEDED_AT = systemClock();

/** A day `daysAgo` before the seeding day in Moscow, as incidents are dated. */
export function seededDay(daysAgo = 0): string {
  return addDays(moscowDate(SEEDED_AT), -daysAgo);
}

const customers = demoCustomers();

function customer(id: string): DemoCustomer {
  const found = customers.find((candidate) => candidate.id === id);
  if (!found) throw new Error(`the demo registry has no customer ${id}`);
  return found;
}

const existingCustomer = customer(EXISTING_CUSTOMER_ID);
const secondCustomer = customer(SECOND_CUSTOMER_ID);
/** A customer of the crowd around the cast: holds none of the cast's policies. */
const crowdCustomer = customers.find(
  (candidate) => ![EXISTING_CUSTOMER_ID, SECOND_CUSTOMER_ID].includes(candidate.id),
)!;

/** Registered customers no cast names, for a test that needs a customer nobody else in its system uses. */
export function uncastCustomers(): readonly DemoCustomer[] {
  return customers.filter(
    (candidate) => ![EXISTING_CUSTOMER_ID, SECOND_CUSTOMER_ID, crowdCustomer.id].includes(candidate.id),
  );
}

/** The Gosuslugi person `existingCustomer` with the ОСАГО in force, and another customer. */
export function demoCast(now = SEEDED_AT): {
  customer: DemoCustomer;
  policy: DemoPolicy;
  stranger: DemoCustomer;
} {
  return {
    customer: existingCustomer,
    policy: demoPolicyCast(customers, now)['existingCustomer.osagoInForce'],
    stranger: secondCustomer,
  };
}

/** A crowd customer's cancelled policy: the demo registry cancels some on the day it is built for. */
export function cancelledPolicy(now = SEEDED_AT): { customer: DemoCustomer; policy: DemoPolicy } {
  const policy = demoPolicies(customers, now).policies.find((candidate) => candidate.status === 'CANCELLED');
  if (!policy) throw new Error('the demo registry has no cancelled policy');
  return { customer: customer(policy.holderId), policy };
}

export interface PartnerSoldPolicy {
  readonly customer: DemoCustomer;
  readonly policy: DemoPolicy;
  readonly partnerId: string;
}

/** Two customers whose ОСАГО in force two different partners sold: each partner follows only its own. */
export function claimsCast(now = SEEDED_AT): { own: PartnerSoldPolicy; other: PartnerSoldPolicy } {
  const cast = demoPolicyCast(customers, now);
  const soldBy = (holder: DemoCustomer, policy: DemoPolicy): PartnerSoldPolicy => {
    const partner = DEMO_PARTNERS.find((candidate) => candidate.id === policy.soldByPartnerId);
    if (!partner) throw new Error(`${policy.number} was not sold by a demo partner`);
    return { customer: holder, policy, partnerId: partner.id };
  };
  return {
    own: soldBy(existingCustomer, cast['existingCustomer.osagoInForce']),
    other: soldBy(secondCustomer, cast['secondCustomer.osagoRenewalDue']),
  };
}

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

/** Customers whose policies let a test walk renewal, changes and instalment payments. */
export function policyCast(now = SEEDED_AT): PolicyCast {
  const cast = demoPolicyCast(customers, now);
  const withInstalments = cast['existingCustomer.dmsInstalmentsDue'];
  const [instalment, nextInstalment] = withInstalments.instalments.filter(
    (candidate) => candidate.status === 'DUE' && candidate.amount.minorUnits > 0,
  );
  if (!instalment || !nextInstalment) throw new Error('the demo cast has no two unpaid instalments');
  return {
    renewing: { customer: secondCustomer, policy: cast['secondCustomer.osagoRenewalDue'] },
    changing: { customer: secondCustomer, policy: cast['secondCustomer.propertyInForce'] },
    instalments: {
      customer: existingCustomer,
      policy: withInstalments,
      instalmentId: instalment.id,
      nextInstalmentId: nextInstalment.id,
    },
    stranger: crowdCustomer,
  };
}

/** A demo staff member holding `role`, as the seeding step registers them in identity. */
export function demoStaffMember(role: StaffRole): (typeof DEMO_STAFF)[number] {
  const found = DEMO_STAFF.find((candidate) => candidate.roles.includes(role));
  if (!found) throw new Error(`the demo staff has no ${role}`);
  return found;
}
