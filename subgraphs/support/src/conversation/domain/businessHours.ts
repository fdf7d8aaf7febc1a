import {
  addDays,
  formatRussianDate,
  isWorkingDay,
  moscowDate,
  workingDayOnOrAfter,
  type CalendarDate,
} from '@cabinet/kernel';

/**
 * When operators answer: Moscow time, on the working days of the Russian production calendar, from
 * `opensAtMinute` to `closesAtMinute` after midnight; `ALWAYS` is round the clock, every day.
 */
export type BusinessHours = 'ALWAYS' | { readonly opensAtMinute: number; readonly closesAtMinute: number };

const MINUTE_MS = 60_000;
/** Moscow keeps UTC+3 all year (no daylight saving since 2014). */
const MOSCOW_OFFSET_MS = 3 * 60 * MINUTE_MS;
const DAY_MINUTES = 24 * 60;

function moscowMinuteOfDay(at: Date): number {
  const shifted = at.getTime() + MOSCOW_OFFSET_MS;
  return Math.floor(
    (((shifted % (DAY_MINUTES * MINUTE_MS)) + DAY_MINUTES * MINUTE_MS) % (DAY_MINUTES * MINUTE_MS)) /
      MINUTE_MS,
  );
}

function moscowInstant(date: CalendarDate, minute: number): Date {
  return new Date(Date.parse(`${date}T00:00:00.000Z`) - MOSCOW_OFFSET_MS + minute * MINUTE_MS);
}

export function isWithinBusinessHours(at: Date, hours: BusinessHours): boolean {
  if (hours === 'ALWAYS') return true;
  const minute = moscowMinuteOfDay(at);
  return isWorkingDay(moscowDate(at)) && minute >= hours.opensAtMinute && minute < hours.closesAtMinute;
}

/** The next moment operators start answering, after `at` (outside business hours). */
export function nextOpening(at: Date, hours: Exclude<BusinessHours, 'ALWAYS'>): Date {
  const today = moscowDate(at);
  if (isWorkingDay(today) && moscowMinuteOfDay(at) < hours.opensAtMinute)
    return moscowInstant(today, hours.opensAtMinute);
  return moscowInstant(workingDayOnOrAfter(addDays(today, 1)), hours.opensAtMinute);
}

const clock = (minute: number) =>
  `${String(Math.floor(minute / 60)).padStart(2, '0')}:${String(minute % 60).padStart(2, '0')}`;

/** What the customer reads when writing outside business hours. */
export function afterHoursReply(opening: Date, hours: Exclude<BusinessHours, 'ALWAYS'>): string {
  return (
    `Сейчас нерабочее время поддержки: операторы отвечают по рабочим дням с ${clock(hours.opensAtMinute)} ` +
    `до ${clock(hours.closesAtMinute)} по московскому времени. Мы ответим ${formatRussianDate(moscowDate(opening))} ` +
    `после ${clock(hours.opensAtMinute)}.`
  );
}
