import type { DecisionDeadlineRule } from '../domain/claimRules.ts';
import type { ClaimRules } from '../domain/claimRules.ts';
import type { ClaimsConfig } from '../../config.ts';

const workingDays = (days: number): DecisionDeadlineRule => ({ days, counting: 'WORKING_DAYS' });

/** The insurer's configurable terms; ОСАГО's statutory deadline is in the domain and not here. */
export function claimRulesFromConfig(config: ClaimsConfig): ClaimRules {
  return {
    decisionDeadlines: {
      KASKO: workingDays(config.DECISION_DAYS_KASKO),
      DMS: workingDays(config.DECISION_DAYS_DMS),
      PROPERTY: workingDays(config.DECISION_DAYS_PROPERTY),
      MORTGAGE: workingDays(config.DECISION_DAYS_MORTGAGE),
      TRAVEL: workingDays(config.DECISION_DAYS_TRAVEL),
      ACCIDENT: workingDays(config.DECISION_DAYS_ACCIDENT),
    },
    clarificationAnswerWorkingDays: config.CLARIFICATION_ANSWER_WORKING_DAYS,
    adjusterApprovalLimitKopecks: config.ADJUSTER_APPROVAL_LIMIT_RUB * 100,
    supervisorPayoutFromKopecks: config.SUPERVISOR_PAYOUT_FROM_KOPECKS,
  };
}
