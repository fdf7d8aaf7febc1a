/**
 * A calendar date without a time of day, `YYYY-MM-DD`. Deadlines are dates, not instants, and the
 * ISO order makes plain string comparison chronological.
 */
export type IsoDate = string;

const DAY_MS = 86_400_000;
// Moscow has kept UTC+3 all year since 26 October 2014, so a fixed offset is exact for every date we handle.
const MOSCOW_OFFSET_MS = 3 * 60 * 60 * 1000;
const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

export function isIsoDate(value: string): boolean {
  const match = ISO_DATE.exec(value);
  if (match === null) return false;
  const [, year, month, day] = match.map(Number) as [number, number, number, number];
  const date = new Date(Date.UTC(year, month - 1, day));
  return date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
}

function toUtcMs(date: IsoDate): number {
  if (!isIsoDate(date)) throw new RangeError(`Not a calendar date (YYYY-MM-DD): ${date}`);
  return Date.parse(`${date}T00:00:00Z`);
}

function fromUtcMs(ms: number): IsoDate {
  return new Date(ms).toISOString().slice(0, 10);
}

export function addDays(date: IsoDate, days: number): IsoDate {
  return fromUtcMs(toUtcMs(date) + days * DAY_MS);
}

/** Whole days from `from` to `to`; negative when `to` is earlier. */
export function daysBetween(from: IsoDate, to: IsoDate): number {
  return Math.round((toUtcMs(to) - toUtcMs(from)) / DAY_MS);
}

/** 0 = Sunday … 6 = Saturday, as `Date.getUTCDay`. */
export function dayOfWeek(date: IsoDate): number {
  return new Date(toUtcMs(date)).getUTCDay();
}

export function isWeekend(date: IsoDate): boolean {
  const day = dayOfWeek(date);
  return day === 0 || day === 6;
}

export function yearOf(date: IsoDate): number {
  return new Date(toUtcMs(date)).getUTCFullYear();
}

/** The date on the insurer's calendar (Moscow time) at a given instant. */
export function moscowDateOf(instant: Date): IsoDate {
  return fromUtcMs(instant.getTime() + MOSCOW_OFFSET_MS);
}
