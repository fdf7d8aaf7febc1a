import { assertConsentAccepted, CommonErrors, DomainError, type Principal } from '@cabinet/kernel';
import type { PolicyRecord } from './policyRecord.ts';

export const policyNotFound = () => new DomainError('POLICY_NOT_FOUND', 'Полис не найден.');

/**
 * The holder and staff see a policy; a partner sees the policies it sold (the claims service reads
 * only its non-personal fields for them). Anyone else gets "not found", never the policy, so ids
 * cannot be probed. A card carries personal data, so a customer needs the consent in force.
 */
export function assertMaySeePolicy(principal: Principal, policy: PolicyRecord | null): PolicyRecord {
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
 * Who the holder is and what is insured (names, birth dates, addresses, vehicles) is personal data:
 * a partner following the claims on a policy it sold sees the policy, never these.
 */
export function assertMaySeePersonalData(principal: Principal): void {
  if (principal.kind === 'partner') throw CommonErrors.forbidden();
}

/** A customer's list of policies: the customer themselves, or staff. */
export function assertMaySeeCustomerPolicies(principal: Principal, customerId: string): void {
  switch (principal.kind) {
    case 'anonymous':
      throw CommonErrors.unauthenticated();
    case 'customer':
      if (principal.customerId !== customerId) throw CommonErrors.forbidden();
      assertConsentAccepted(principal);
      return;
    case 'staff':
      return;
    case 'partner':
      throw CommonErrors.forbidden();
  }
}
