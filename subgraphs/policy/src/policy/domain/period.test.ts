import { describe, expect, it } from 'vitest';
import { periodDays, periodOfMonths } from './period.ts';

describe('policy periods', () => {
  it.each([
    { startsOn: '2025-03-01', months: 12, endsOn: '2026-02-28', days: 365 },
    { startsOn: '2023-03-01', months: 12, endsOn: '2024-02-29', days: 366 },
    { startsOn: '2026-03-31', months: 6, endsOn: '2026-09-30', days: 184 },
    { startsOn: '2026-01-31', months: 1, endsOn: '2026-02-28', days: 29 },
    { startsOn: '2026-01-15', months: 1, endsOn: '2026-02-14', days: 31 },
  ])('$months months from $startsOn end on $endsOn ($days days)', ({ startsOn, months, endsOn, days }) => {
    const period = periodOfMonths(startsOn, months);
    expect(period).toEqual({ startsOn, endsOn });
    expect(periodDays(period)).toBe(days);
  });
});
