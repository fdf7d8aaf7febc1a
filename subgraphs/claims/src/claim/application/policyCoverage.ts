import { DomainError } from '@cabinet/kernel';
import type { PolicyFacts } from '../../policyService/policyClient.ts';

/** Statuses under which a policy was in force for the whole of its period. */
const COVERING_STATUSES = new Set(['ACTIVE', 'RENEWED', 'EXPIRED']);

/** A claim is possible only on a policy that was in force on the day of the incident. */
export function assertPolicyCoversIncident(policy: PolicyFacts, occurredOn: string): void {
  const inPeriod = policy.periodStart <= occurredOn && occurredOn <= policy.periodEnd;
  if (!inPeriod || !COVERING_STATUSES.has(policy.status)) {
    throw new DomainError(
      'POLICY_NOT_IN_FORCE',
      `Полис ${policy.number} не действовал ${occurredOn.split('-').reverse().join('.')}: проверьте дату происшествия или выберите другой полис.`,
      { policyId: policy.id, periodStart: policy.periodStart, periodEnd: policy.periodEnd },
    );
  }
}
