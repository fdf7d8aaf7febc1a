import { assertConsentAccepted, CommonErrors, DomainError, type Principal } from '@cabinet/kernel';
import type { Policy } from './policy.ts';

export const policyNotFound = () => new DomainError('POLICY_NOT_FOUND', 'Полис не найден.');

/** Whose a policy is: its holder, and the partner that sold it, if any. */
export interface PolicyOwnership extends Pick<Policy, 'holderId'> {
  readonly soldByPartnerId: string | null;
}

/**
 * The holder and staff see a policy; a partner sees the policies it sold (the claims service reads
 * only its non-personal fields for them). Anyone else gets "not found", never the policy, so ids
 * cannot be probed. A card carries personal data, so a customer needs the consent in force.
 */
export function assertMaySeePolicy<P extends PolicyOwnership>(principal: Principal, policy: P | null): P {
  if (principal.kind === 'anonymous') throw CommonErrors.unauthenticated();
  assertConsentAccepted(principal);
  if (!policy) throw policyNotFound();
  switch (principal.kind) {
    case 'customer':
      if (policy.holderId !== principal.customerId) throw policyNotFound();
      return policy;
    case 'staff':
      return policy;
    case 'partner':
      if (policy.soldByPartnerId !== principal.partnerId) throw policyNotFound();
      return policy;
  }
}

/**
 * Who the holder is, what is insured (names, birth dates, addresses, vehicles) and how the premium was
 * priced (territory, КБМ class, age and experience, engine power: facts about the holder) is personal
 * data: a partner following the claims on a policy it sold sees the policy, never these.
 */
export function assertMaySeePersonalData(principal: Principal): void {
  if (principal.kind === 'partner') throw CommonErrors.forbidden();
}

/**
 * A customer's list of policies: the customer themselves, or staff. Another customer's list answers
 * "not found", as their policies do, so a customer cannot learn whose id holds policies.
 */
export function assertMaySeeCustomerPolicies(principal: Principal, customerId: string): void {
  switch (principal.kind) {
    case 'anonymous':
      throw CommonErrors.unauthenticated();
    case 'customer':
      if (principal.customerId !== customerId) throw policyNotFound();
      assertConsentAccepted(principal);
      return;
    case 'staff':
      return;
    case 'partner':
      throw CommonErrors.forbidden();
  }
}
