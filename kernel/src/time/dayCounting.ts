import { addDays, daysBetween, type CalendarDate } from './calendarDate.ts';
import {
  addCalendarDaysExcludingHolidays,
  addWorkingDays,
  countCalendarDaysExcludingHolidays,
  countWorkingDays,
} from './productionCalendar.ts';

/** How a period "of N days" is counted, as statutes and policy terms phrase it. */
export type DayCounting = 'CALENDAR_DAYS' | 'CALENDAR_DAYS_EXCLUDING_HOLIDAYS' | 'WORKING_DAYS';

/** The date on which `days` counted days have passed after `from` (counting starts the next day). */
export function addCountedDays(from: CalendarDate, days: number, counting: DayCounting): CalendarDate {
  switch (counting) {
    case 'CALENDAR_DAYS':
      if (!Number.isInteger(days) || days < 0)
        throw new RangeError(`Days must be a non-negative integer: ${days}`);
      return addDays(from, days);
    case 'CALENDAR_DAYS_EXCLUDING_HOLIDAYS':
      return addCalendarDaysExcludingHolidays(from, days);
    case 'WORKING_DAYS':
      return addWorkingDays(from, days);
    default: {
      const _exhaustive: never = counting;
      return _exhaustive;
    }
  }
}

/** Counted days in the interval (fromExclusive, toInclusive]; 0 when `toInclusive` is not after `fromExclusive`. */
export function countCountedDays(
  fromExclusive: CalendarDate,
  toInclusive: CalendarDate,
  counting: DayCounting,
): number {
  switch (counting) {
    case 'CALENDAR_DAYS':
      return Math.max(0, daysBetween(fromExclusive, toInclusive));
    case 'CALENDAR_DAYS_EXCLUDING_HOLIDAYS':
      return countCalendarDaysExcludingHolidays(fromExclusive, toInclusive);
    case 'WORKING_DAYS':
      return countWorkingDays(fromExclusive, toInclusive);
    default: {
      const _exhaustive: never = counting;
      return _exhaustive;
    }
  }
}
