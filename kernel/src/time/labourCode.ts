import { addDays, isWeekend, type CalendarDate } from './calendarDate.ts';
import type { ProductionCalendarYear } from './productionCalendarYear.ts';

/** Нерабочие праздничные дни, Трудовой кодекс РФ ст. 112 ч. 1, as `MM-DD`. */
const PUBLIC_HOLIDAYS_MM_DD = [
  '01-01',
  '01-02',
  '01-03',
  '01-04',
  '01-05',
  '01-06',
  '01-07',
  '01-08',
  '02-23',
  '03-08',
  '05-01',
  '05-09',
  '06-12',
  '11-04',
] as const;

export function publicHolidaysOf(year: number): CalendarDate[] {
  return PUBLIC_HOLIDAYS_MM_DD.map((monthDay) => `${year}-${monthDay}`);
}

/**
 * The calendar that follows from art. 112 alone, before (or without) the yearly government decree: a
 * holiday on a Saturday or Sunday moves that day off to the next working day, except the New Year
 * holidays and Christmas (1–8 January), whose coinciding days off only a decree can transfer (art. 112 ч. 2).
 */
export function labourCodeCalendarYear(year: number): ProductionCalendarYear {
  const publicHolidays = publicHolidaysOf(year);
  const holidaySet = new Set(publicHolidays);
  const transferredDaysOff: CalendarDate[] = [];
  for (const holiday of publicHolidays) {
    if (holiday.slice(5, 7) === '01' || !isWeekend(holiday)) continue;
    let dayOff = addDays(holiday, 1);
    while (isWeekend(dayOff) || holidaySet.has(dayOff) || transferredDaysOff.includes(dayOff)) {
      dayOff = addDays(dayOff, 1);
    }
    transferredDaysOff.push(dayOff);
  }
  return {
    year,
    basis: 'LABOUR_CODE_ONLY',
    source: 'Трудовой кодекс РФ ст. 112 (без постановления Правительства о переносе выходных дней)',
    publicHolidays,
    transferredDaysOff,
    workingWeekendDays: [],
  };
}
