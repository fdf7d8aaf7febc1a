import { EsiaRejection } from './esiaErrors.ts';

const TIMESTAMP = /^(\d{4})\.(\d{2})\.(\d{2}) (\d{2}):(\d{2}):(\d{2}) ([+-])(\d{2})(\d{2})$/;

/** Reads ESIA's `yyyy.MM.dd HH:mm:ss Z` (`2015.11.02 09:37:16 +0300`); undefined when malformed. */
export function parseEsiaTimestamp(value: string): Date | undefined {
  const match = TIMESTAMP.exec(value);
  if (!match) return undefined;
  const [year, month, day, hours, minutes, seconds, offsetHours, offsetMinutes] = [
    1, 2, 3, 4, 5, 6, 8, 9,
  ].map((group) => Number(match[group])) as [number, number, number, number, number, number, number, number];
  const local = Date.UTC(year, month - 1, day, hours, minutes, seconds);
  const check = new Date(local);
  if (
    check.getUTCMonth() !== month - 1 ||
    check.getUTCDate() !== day ||
    hours > 23 ||
    minutes > 59 ||
    seconds > 59
  ) {
    return undefined;
  }
  const offset = (offsetHours * 60 + offsetMinutes) * 60_000;
  return new Date(match[7] === '-' ? local + offset : local - offset);
}

/** A request whose timestamp is malformed or too far from our clock is refused with ESIA-007015. */
export function checkTimestamp(value: string, now: Date, toleranceSeconds: number): void {
  const moment = parseEsiaTimestamp(value);
  if (!moment || Math.abs(moment.getTime() - now.getTime()) > toleranceSeconds * 1000) {
    throw new EsiaRejection('007015', 'timestamp');
  }
}
