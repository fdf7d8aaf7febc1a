import { describe, expect, it } from 'vitest';
import { addCountedDays, countCountedDays } from './dayCounting.ts';
import { isCalendarDate } from './calendarDate.ts';
import { labourCodeCalendarYear, publicHolidaysOf } from './labourCode.ts';
import {
  addCalendarDaysExcludingHolidays,
  addWorkingDays,
  countCalendarDaysExcludingHolidays,
  countWorkingDays,
  isPublicHoliday,
  isWorkingDay,
  productionCalendarYear,
  workingDayOnOrAfter,
} from './productionCalendar.ts';
import { PRODUCTION_CALENDAR } from './productionCalendarData.ts';

describe('isWorkingDay', () => {
  it.each([
    ['2025-11-01', true, 'Saturday made a working day by decree № 1335'],
    ['2025-05-02', false, 'Friday off, transferred from Sat 4 January'],
    ['2025-05-08', false, 'Thursday off, transferred from Sun 23 February'],
    ['2025-06-13', false, 'Friday off, transferred from Sat 8 March'],
    ['2025-11-03', false, 'Monday off, transferred from Sat 1 November'],
    ['2025-02-24', true, 'Monday after Sun 23 February: the decree moved that day off to 8 May'],
    ['2025-12-31', false, 'Wednesday off, transferred from Sun 5 January'],
    ['2026-01-09', false, 'Friday off, transferred from Sat 3 January'],
    ['2026-03-09', false, 'Monday off: 8 March falls on a Sunday'],
    ['2026-05-11', false, 'Monday off: 9 May falls on a Saturday'],
    ['2026-05-12', true, 'an ordinary Tuesday'],
    ['2026-12-31', false, 'Thursday off, transferred from Sun 4 January'],
    ['2027-05-03', false, 'Monday off: 1 May 2027 falls on a Saturday'],
    ['2027-06-14', false, 'Monday off: 12 June 2027 falls on a Saturday'],
    ['2027-11-04', false, 'Unity Day, a Thursday'],
    ['2026-07-04', false, 'an ordinary Saturday'],
  ])('%s is a working day: %s (%s)', (date, expected) => {
    expect(isWorkingDay(date)).toBe(expected);
  });
});

describe('isPublicHoliday', () => {
  it.each([
    ['2025-02-23', true, 'Defender of the Fatherland Day, even on a Sunday'],
    ['2025-01-08', true, 'the last New Year holiday'],
    ['2025-05-02', false, 'a transferred day off is not a public holiday'],
    ['2026-03-09', false, 'nor is the day off that art. 112 moves to Monday'],
    ['2028-01-01', true, 'years past the published data still have the Labour Code holidays'],
  ])('%s: %s (%s)', (date, expected) => {
    expect(isPublicHoliday(date)).toBe(expected);
  });
});

describe('addCalendarDaysExcludingHolidays (the ОСАГО count, 40-ФЗ ст. 12 п. 21)', () => {
  it.each([
    // Apr 26–30 (5), skip 1 May, 2–8 May (7: the transferred days off 2 and 8 May count), skip 9 May, 10–17 May (8).
    ['2025-04-25', 20, '2025-05-17'],
    // Dec 21–31 (11), skip 1–8 January, 9–17 January (9).
    ['2025-12-20', 20, '2026-01-17'],
    // Feb 21–22 (2), skip 23 Feb, Feb 24–Mar 7 (12), skip 8 Mar, Mar 9–14 (6).
    ['2026-02-20', 20, '2026-03-14'],
    ['2026-07-01', 20, '2026-07-21'],
    // Dec 12–31 2026 (20): nothing to skip before the New Year.
    ['2026-12-11', 20, '2026-12-31'],
    // Dec 13–31 2026 (19), skip 1–8 January 2027, 9 January (1).
    ['2026-12-12', 20, '2027-01-09'],
    ['2026-12-31', 1, '2027-01-09'],
    ['2026-07-01', 0, '2026-07-01'],
  ])('%s + %i days → %s', (from, days, expected) => {
    expect(addCalendarDaysExcludingHolidays(from, days)).toBe(expected);
  });

  it('refuses a negative or fractional number of days', () => {
    expect(() => addCalendarDaysExcludingHolidays('2026-01-01', -1)).toThrow(RangeError);
    expect(() => addCalendarDaysExcludingHolidays('2026-01-01', 1.5)).toThrow(RangeError);
  });
});

describe('addWorkingDays', () => {
  it.each([
    ['2025-04-30', 1, '2025-05-05', 'May 1–4 are off'],
    ['2025-04-30', 5, '2025-05-13', 'May 5, 6, 7, then 8–11 off, then 12 and 13'],
    ['2025-10-31', 1, '2025-11-01', 'the working Saturday counts'],
    ['2025-10-31', 2, '2025-11-05', 'Nov 2–4 are off'],
    ['2025-12-30', 1, '2026-01-12', 'Dec 31, Jan 1–8, the transferred Jan 9 and the weekend are off'],
    ['2026-12-30', 1, '2027-01-11', 'across the boundary into 2027'],
    ['2026-07-03', 1, '2026-07-06', 'Friday to Monday'],
  ])('%s + %i working days → %s (%s)', (from, days, expected) => {
    expect(addWorkingDays(from, days)).toBe(expected);
  });
});

describe('counting days in an interval', () => {
  it('counts calendar days without public holidays in (from, to]', () => {
    expect(countCalendarDaysExcludingHolidays('2025-04-25', '2025-05-17')).toBe(20);
    expect(countCalendarDaysExcludingHolidays('2025-12-31', '2026-01-09')).toBe(1);
    expect(countCalendarDaysExcludingHolidays('2026-07-01', '2026-07-01')).toBe(0);
    expect(countCalendarDaysExcludingHolidays('2026-07-02', '2026-07-01')).toBe(0);
  });

  it('counts working days in (from, to]', () => {
    expect(countWorkingDays('2025-04-30', '2025-05-13')).toBe(5);
    expect(countWorkingDays('2025-12-30', '2026-01-12')).toBe(1);
  });

  it.each([
    ['CALENDAR_DAYS', '2025-12-31', 10, '2026-01-10'],
    ['CALENDAR_DAYS_EXCLUDING_HOLIDAYS', '2025-12-31', 2, '2026-01-10'],
    ['WORKING_DAYS', '2025-12-31', 2, '2026-01-13'],
  ] as const)(
    '%s: %s + %i → %s, and counting back gives the same number',
    (counting, from, days, expected) => {
      expect(addCountedDays(from, days, counting)).toBe(expected);
      expect(countCountedDays(from, expected, counting)).toBe(days);
    },
  );
});

describe('workingDayOnOrAfter (ГК РФ ст. 193)', () => {
  it.each([
    ['2025-05-17', '2025-05-19'],
    ['2025-12-31', '2026-01-12'],
    ['2025-11-01', '2025-11-01'],
    ['2026-07-21', '2026-07-21'],
  ])('%s → %s', (date, expected) => {
    expect(workingDayOnOrAfter(date)).toBe(expected);
  });
});

describe('calendar data', () => {
  it('lists the fourteen Labour Code holidays in every year', () => {
    for (const year of PRODUCTION_CALENDAR) {
      expect(year.publicHolidays).toEqual(publicHolidaysOf(year.year));
      expect(year.publicHolidays).toHaveLength(14);
    }
  });

  it('holds only real dates of its own year, transfers on weekdays and working days on weekends', () => {
    for (const year of PRODUCTION_CALENDAR) {
      for (const date of [...year.publicHolidays, ...year.transferredDaysOff, ...year.workingWeekendDays]) {
        expect(isCalendarDate(date) && date.startsWith(`${year.year}-`), date).toBe(true);
      }
      for (const date of year.transferredDaysOff) expect(isWorkingDayOfWeek(date), date).toBe(true);
      for (const date of year.workingWeekendDays) expect(isWorkingDayOfWeek(date), date).toBe(false);
    }
  });

  it('marks 2027 as Labour Code only, and its transfers are exactly what art. 112 alone gives', () => {
    const year2027 = productionCalendarYear(2027);
    expect(year2027.basis).toBe('LABOUR_CODE_ONLY');
    expect(year2027.transferredDaysOff).toEqual(labourCodeCalendarYear(2027).transferredDaysOff);
  });

  it('keeps the automatic art. 112 days off of 2026 among the decree year’s days off', () => {
    expect(labourCodeCalendarYear(2026).transferredDaysOff).toEqual(['2026-03-09', '2026-05-11']);
    expect(productionCalendarYear(2026).transferredDaysOff).toEqual(
      expect.arrayContaining(['2026-03-09', '2026-05-11']),
    );
  });

  it('gives 247 working days in 2025 and in 2026, as the published calendars do', () => {
    expect(countWorkingDays('2024-12-31', '2025-12-31')).toBe(247);
    expect(countWorkingDays('2025-12-31', '2026-12-31')).toBe(247);
  });
});

function isWorkingDayOfWeek(date: string): boolean {
  const day = new Date(`${date}T00:00:00Z`).getUTCDay();
  return day !== 0 && day !== 6;
}
