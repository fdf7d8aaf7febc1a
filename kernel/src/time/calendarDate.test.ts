import { describe, expect, it } from 'vitest';
import {
  addDays,
  addMonths,
  compareDates,
  daysBetween,
  formatRussianDate,
  fullYearsBetween,
  isCalendarDate,
  moscowDate,
} from './calendarDate.ts';

describe('calendar dates', () => {
  it.each([
    {
      instant: '2025-12-31T20:59:59.999Z',
      date: '2025-12-31',
      why: 'a millisecond before midnight in Moscow',
    },
    { instant: '2025-12-31T21:00:00.000Z', date: '2026-01-01', why: 'midnight in Moscow' },
  ])('today in Moscow: $why', ({ instant, date }) => {
    expect(moscowDate(new Date(instant))).toBe(date);
  });

  it.each([
    { date: '2025-01-31', months: 1, expected: '2025-02-28' },
    { date: '2024-01-31', months: 1, expected: '2024-02-29' },
    { date: '2025-02-01', months: 12, expected: '2026-02-01' },
    { date: '2025-11-15', months: 3, expected: '2026-02-15' },
    { date: '2025-03-31', months: -1, expected: '2025-02-28' },
  ])('$date + $months months = $expected', ({ date, months, expected }) => {
    expect(addMonths(date, months)).toBe(expected);
  });

  it('counts days across a leap year', () => {
    expect(daysBetween('2024-01-01', '2025-01-01')).toBe(366);
    expect(daysBetween('2025-03-01', '2025-02-28')).toBe(-1);
    expect(addDays('2024-02-28', 1)).toBe('2024-02-29');
    expect(compareDates('2025-01-02', '2025-01-01')).toBe(1);
  });

  it.each([
    { from: '2000-06-15', on: '2025-06-14', years: 24 },
    { from: '2000-06-15', on: '2025-06-15', years: 25 },
    { from: '2004-02-29', on: '2025-02-28', years: 20 },
    { from: '2004-02-29', on: '2025-03-01', years: 21 },
  ])('$from to $on is $years full years', ({ from, on, years }) => {
    expect(fullYearsBetween(from, on)).toBe(years);
  });

  it('rejects impossible dates', () => {
    expect(isCalendarDate('2025-02-29')).toBe(false);
    expect(isCalendarDate('2025-2-01')).toBe(false);
    expect(isCalendarDate('2024-02-29')).toBe(true);
    expect(() => addDays('2025-13-01', 1)).toThrow(RangeError);
  });

  it('writes dates the Russian way', () => {
    expect(formatRussianDate('2026-01-31')).toBe('31.01.2026');
  });
});

describe('dates', () => {
  it.each([
    ['2025-12-31T20:59:59.999Z', '2025-12-31'],
    ['2025-12-31T21:00:00.000Z', '2026-01-01'],
  ])('the Moscow date at %s is %s', (instant, expected) => {
    expect(moscowDate(new Date(instant))).toBe(expected);
  });

  it('validates and does arithmetic on calendar dates', () => {
    expect(isCalendarDate('2028-02-29')).toBe(true);
    expect(isCalendarDate('2027-02-29')).toBe(false);
    expect(isCalendarDate('2027-2-1')).toBe(false);
    expect(addDays('2028-02-28', 2)).toBe('2028-03-01');
    expect(daysBetween('2026-12-25', '2027-01-05')).toBe(11);
  });

  it('refuses a year before 100 rather than read it as 19xx, as Date.UTC would', () => {
    expect(isCalendarDate('0050-01-01')).toBe(false);
    expect(() => addDays('0050-01-01', 1)).toThrow(RangeError);
  });
});
