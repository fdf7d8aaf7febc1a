import { addDays, addMonths, daysBetween, type CalendarDate } from '@cabinet/kernel';

/** Both days included: a year from 1 February 2025 ends on 31 January 2026. */
export interface PolicyPeriod {
  readonly startsOn: CalendarDate;
  readonly endsOn: CalendarDate;
}

/**
 * N months from a day end the day before the same day N months later; when that day does not exist
 * (six months from 31 March), the period ends on the last day of the month (30 September).
 */
export function periodOfMonths(startsOn: CalendarDate, months: number): PolicyPeriod {
  const sameDayLater = addMonths(startsOn, months);
  const clamped = sameDayLater.slice(8) !== startsOn.slice(8);
  return { startsOn, endsOn: clamped ? sameDayLater : addDays(sameDayLater, -1) };
}

export function periodDays(period: PolicyPeriod): number {
  return daysBetween(period.startsOn, period.endsOn) + 1;
}
