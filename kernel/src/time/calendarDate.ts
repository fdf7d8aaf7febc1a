/**
 * Policies and deadlines live on calendar dates, not instants: a policy runs "с 01.02.2025 по
 * 31.01.2026", both days included, and a claim is due on a day. A CalendarDate is an ISO "YYYY-MM-DD"
 * string (JSON- and index-friendly, and plain string comparison is chronological); the day "today" is
 * the day in Moscow, which has kept UTC+3 all year since 26.10.2014, so a fixed offset is exact for
 * every date we handle.
 */
export type CalendarDate = string;

const MS_PER_DAY = 86_400_000;
const MOSCOW_OFFSET_MS = 3 * 3_600_000;
const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

export function isCalendarDate(text: string): boolean {
  const match = ISO_DATE.exec(text);
  if (match === null) return false;
  const [, year, month, day] = match.map(Number) as [number, number, number, number];
  const date = new Date(Date.UTC(year, month - 1, day));
  return date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
}

function epochDay(date: CalendarDate): number {
  if (!isCalendarDate(date)) throw new RangeError(`not a calendar date (YYYY-MM-DD): ${date}`);
  return Date.parse(`${date}T00:00:00Z`) / MS_PER_DAY;
}

function fromEpochDay(day: number): CalendarDate {
  return new Date(day * MS_PER_DAY).toISOString().slice(0, 10);
}

/** The date on the insurer's calendar (Moscow time) at an instant. */
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

/** 0 = Sunday … 6 = Saturday, as `Date.getUTCDay`. */
export function dayOfWeek(date: CalendarDate): number {
  return new Date(epochDay(date) * MS_PER_DAY).getUTCDay();
}

export function isWeekend(date: CalendarDate): boolean {
  const day = dayOfWeek(date);
  return day === 0 || day === 6;
}

export function yearOf(date: CalendarDate): number {
  return new Date(epochDay(date) * MS_PER_DAY).getUTCFullYear();
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
