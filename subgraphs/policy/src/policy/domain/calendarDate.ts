/**
 * Policies live on calendar dates, not instants: a policy runs "с 01.02.2025 по 31.01.2026", both
 * days included. A CalendarDate is an ISO "YYYY-MM-DD" string (JSON- and index-friendly); the day
 * "today" is the day in Moscow, which has kept UTC+3 all year since 26.10.2014.
 */
export type CalendarDate = string;

const MS_PER_DAY = 86_400_000;
const MOSCOW_OFFSET_MS = 3 * 3_600_000;
const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

function epochDay(date: CalendarDate): number {
  const match = ISO_DATE.exec(date);
  if (!match) throw new RangeError(`not a calendar date: ${date}`);
  const [, year, month, day] = match.map(Number) as [number, number, number, number];
  const ms = Date.UTC(year, month - 1, day);
  const roundTrip = new Date(ms);
  if (roundTrip.getUTCMonth() !== month - 1 || roundTrip.getUTCDate() !== day) {
    throw new RangeError(`not a calendar date: ${date}`);
  }
  return ms / MS_PER_DAY;
}

function fromEpochDay(day: number): CalendarDate {
  return new Date(day * MS_PER_DAY).toISOString().slice(0, 10);
}

export function isCalendarDate(text: string): boolean {
  try {
    epochDay(text);
    return true;
  } catch {
    return false;
  }
}

export function moscowDate(instant: Date): CalendarDate {
  return new Date(instant.getTime() + MOSCOW_OFFSET_MS).toISOString().slice(0, 10);
}

export function addDays(date: CalendarDate, days: number): CalendarDate {
  return fromEpochDay(epochDay(date) + days);
}

/** Calendar months; the 31st of January plus one month is the last day of February. */
export function addMonths(date: CalendarDate, months: number): CalendarDate {
  const [year, month, day] = date.split('-').map(Number) as [number, number, number];
  epochDay(date);
  const target = new Date(Date.UTC(year, month - 1 + months, 1));
  const lastDay = new Date(Date.UTC(target.getUTCFullYear(), target.getUTCMonth() + 1, 0)).getUTCDate();
  target.setUTCDate(Math.min(day, lastDay));
  return target.toISOString().slice(0, 10);
}

/** Whole days from `from` to `to`: 0 for the same day, negative when `to` is earlier. */
export function daysBetween(from: CalendarDate, to: CalendarDate): number {
  return epochDay(to) - epochDay(from);
}

export function compareDates(a: CalendarDate, b: CalendarDate): number {
  return Math.sign(daysBetween(b, a));
}

export function laterOf(a: CalendarDate, b: CalendarDate): CalendarDate {
  return compareDates(a, b) >= 0 ? a : b;
}

/** Full years of age (or of experience) on a date; a person born on 29 February ages on 1 March. */
export function fullYearsBetween(from: CalendarDate, on: CalendarDate): number {
  const [fromYear, fromMonth, fromDay] = from.split('-').map(Number) as [number, number, number];
  const [onYear, onMonth, onDay] = on.split('-').map(Number) as [number, number, number];
  const beforeAnniversary = onMonth < fromMonth || (onMonth === fromMonth && onDay < fromDay);
  return onYear - fromYear - (beforeAnniversary ? 1 : 0);
}

/** "31.01.2026", as Russian documents write dates. */
export function formatRussianDate(date: CalendarDate): string {
  epochDay(date);
  const [year, month, day] = date.split('-');
  return `${day}.${month}.${year}`;
}
