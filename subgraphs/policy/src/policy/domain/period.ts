import { addDays, addMonths, compareDates, daysBetween, type CalendarDate } from './calendarDate.ts';

/** Both days included: a year from 1 February 2025 ends on 31 January 2026. */
export interface PolicyPeriod {
  readonly startsOn: CalendarDate;
  readonly endsOn: CalendarDate;
}

export function periodOfMonths(startsOn: CalendarDate, months: number): PolicyPeriod {
  return { startsOn, endsOn: addDays(addMonths(startsOn, months), -1) };
}

export function periodDays(period: PolicyPeriod): number {
  return daysBetween(period.startsOn, period.endsOn) + 1;
}

export function isWithin(period: PolicyPeriod, date: CalendarDate): boolean {
  return compareDates(date, period.startsOn) >= 0 && compareDates(date, period.endsOn) <= 0;
}
