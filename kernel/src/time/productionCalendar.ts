import { addDays, isWeekend, yearOf, type CalendarDate } from './calendarDate.ts';
import { labourCodeCalendarYear } from './labourCode.ts';
import { PRODUCTION_CALENDAR } from './productionCalendarData.ts';
import type { ProductionCalendarYear } from './productionCalendarYear.ts';

interface YearLookup {
  readonly calendar: ProductionCalendarYear;
  readonly publicHolidays: ReadonlySet<CalendarDate>;
  readonly transferredDaysOff: ReadonlySet<CalendarDate>;
  readonly workingWeekendDays: ReadonlySet<CalendarDate>;
}

const lookups = new Map<number, YearLookup>();

function lookupFor(year: number): YearLookup {
  const cached = lookups.get(year);
  if (cached !== undefined) return cached;
  // A deadline computed late in the last covered year may run into the next one: the Labour Code's
  // holidays still hold there, only the decree's transfers are unknown.
  const calendar = PRODUCTION_CALENDAR.find((entry) => entry.year === year) ?? labourCodeCalendarYear(year);
  const lookup: YearLookup = {
    calendar,
    publicHolidays: new Set(calendar.publicHolidays),
    transferredDaysOff: new Set(calendar.transferredDaysOff),
    workingWeekendDays: new Set(calendar.workingWeekendDays),
  };
  lookups.set(year, lookup);
  return lookup;
}

export function productionCalendarYear(year: number): ProductionCalendarYear {
  return lookupFor(year).calendar;
}

/** A non-working public holiday (ТК РФ ст. 112 ч. 1), whatever day of the week it falls on. */
export function isPublicHoliday(date: CalendarDate): boolean {
  return lookupFor(yearOf(date)).publicHolidays.has(date);
}

export function isWorkingDay(date: CalendarDate): boolean {
  const lookup = lookupFor(yearOf(date));
  if (lookup.workingWeekendDays.has(date)) return true;
  if (lookup.publicHolidays.has(date) || lookup.transferredDaysOff.has(date)) return false;
  return !isWeekend(date);
}

function addCountedDays(
  from: CalendarDate,
  days: number,
  counts: (date: CalendarDate) => boolean,
): CalendarDate {
  if (!Number.isInteger(days) || days < 0)
    throw new RangeError(`Days must be a non-negative integer: ${days}`);
  let date = from;
  for (let counted = 0; counted < days;) {
    date = addDays(date, 1);
    if (counts(date)) counted += 1;
  }
  return date;
}

function countCountedDays(
  fromExclusive: CalendarDate,
  toInclusive: CalendarDate,
  counts: (date: CalendarDate) => boolean,
): number {
  let counted = 0;
  for (let date = addDays(fromExclusive, 1); date <= toInclusive; date = addDays(date, 1)) {
    if (counts(date)) counted += 1;
  }
  return counted;
}

const isNotPublicHoliday = (date: CalendarDate): boolean => !isPublicHoliday(date);

/**
 * The date on which `days` calendar days have passed after `from`, not counting non-working public
 * holidays. Counting starts the day after `from` (ГК РФ ст. 191).
 */
export function addCalendarDaysExcludingHolidays(from: CalendarDate, days: number): CalendarDate {
  return addCountedDays(from, days, isNotPublicHoliday);
}

/** The `days`-th working day after `from`. */
export function addWorkingDays(from: CalendarDate, days: number): CalendarDate {
  return addCountedDays(from, days, isWorkingDay);
}

/** Calendar days that are not public holidays in the interval (fromExclusive, toInclusive]. */
export function countCalendarDaysExcludingHolidays(
  fromExclusive: CalendarDate,
  toInclusive: CalendarDate,
): number {
  return countCountedDays(fromExclusive, toInclusive, isNotPublicHoliday);
}

/** Working days in the interval (fromExclusive, toInclusive]. */
export function countWorkingDays(fromExclusive: CalendarDate, toInclusive: CalendarDate): number {
  return countCountedDays(fromExclusive, toInclusive, isWorkingDay);
}

/** `date` itself when it is a working day, else the first working day after it (ГК РФ ст. 193). */
export function workingDayOnOrAfter(date: CalendarDate): CalendarDate {
  let candidate = date;
  while (!isWorkingDay(candidate)) candidate = addDays(candidate, 1);
  return candidate;
}
