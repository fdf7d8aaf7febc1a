import type { DayCounting } from '@cabinet/kernel';
import type { InsuranceProduct } from './claimEvents.ts';

export interface DecisionDeadlineRule {
  readonly days: number;
  readonly counting: DayCounting;
}

/** 40-ФЗ ст. 12 п. 21: 20 calendar days from acceptance, not counting non-working public holidays. */
export const OSAGO_DECISION_DEADLINE: DecisionDeadlineRule = Object.freeze({
  days: 20,
  counting: 'CALENDAR_DAYS_EXCLUDING_HOLIDAYS',
});

/** The insurer's own terms; ОСАГО is fixed by law and not configurable. */
export interface ClaimRules {
  readonly decisionDeadlines: Readonly<Record<Exclude<InsuranceProduct, 'OSAGO'>, DecisionDeadlineRule>>;
  /** Working days the insurer has to answer a customer's question. */
  readonly clarificationAnswerWorkingDays: number;
  /**
   * The largest amount an adjuster may approve alone, in kopecks, inclusive; a larger amount needs a
   * supervisor (four-eyes rule for large payouts).
   */
  readonly adjusterApprovalLimitKopecks: number;
  /** Payouts of this many kopecks or more are made by a supervisor only. */
  readonly supervisorPayoutFromKopecks: number;
}

export function decisionDeadlineRule(product: InsuranceProduct, rules: ClaimRules): DecisionDeadlineRule {
  return product === 'OSAGO' ? OSAGO_DECISION_DEADLINE : rules.decisionDeadlines[product];
}
