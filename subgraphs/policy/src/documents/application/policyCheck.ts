import { compareDates, formatRussianDate, type CalendarDate } from '@cabinet/kernel';
import { INSURER_NAME } from '@cabinet/platform/pdf';
import { POLICY_STATUS_LABELS, PRODUCT_LABELS, statusOn, type Policy } from '../../policy/domain/index.ts';

/**
 * What the public policy check answers, as an insurer's policy check (РСА, НСИС) shows it: the
 * policy's number, product, period and status. Nothing about the holder or the insured object.
 */
export interface PolicyCheck {
  readonly insurer: string;
  /** The day the answer holds for, e.g. «01.03.2027». */
  readonly checkedOn: string;
  readonly number: string;
  readonly product: string;
  readonly period: string;
  readonly status: string;
  readonly inForce: boolean;
}

/** The status as printed: a cancelled policy says since when, e.g. «расторгнут с 15.03.2026». */
export function policyStatusText(policy: Policy, today: CalendarDate): string {
  const status = statusOn(policy, today);
  const label = POLICY_STATUS_LABELS[status];
  return status === 'CANCELLED' && policy.cancelledOn !== undefined
    ? `${label} с ${formatRussianDate(policy.cancelledOn)}`
    : label;
}

export function policyCheckOf(policy: Policy, today: CalendarDate): PolicyCheck {
  const status = statusOn(policy, today);
  return {
    insurer: INSURER_NAME,
    checkedOn: formatRussianDate(today),
    number: policy.number,
    product: PRODUCT_LABELS[policy.product],
    period: `с ${formatRussianDate(policy.period.startsOn)} по ${formatRussianDate(policy.period.endsOn)}`,
    status: policyStatusText(policy, today),
    inForce:
      (status === 'ACTIVE' || status === 'RENEWED') &&
      compareDates(policy.period.startsOn, today) <= 0 &&
      compareDates(today, policy.period.endsOn) <= 0,
  };
}
