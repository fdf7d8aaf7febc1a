import { addDays, daysBetween, type CalendarDate } from '@cabinet/kernel';
import { statusOn } from '@cabinet/policy/domain';
import { expect, it } from 'vitest';
import { demoCustomers } from '../customers.ts';
import { demoPolicies, demoPolicyCast } from '../policies.ts';

/** Noon in Moscow on a calendar day. */
export function noonOf(day: CalendarDate): Date {
  return new Date(`${day}T09:00:00.000Z`);
}

export function everyDay(from: CalendarDate, to: CalendarDate): CalendarDate[] {
  return Array.from({ length: daysBetween(from, to) + 1 }, (_, index) => addDays(from, index));
}

/**
 * `npm start` seeds the whole registry on whatever day it first runs: every day of a year must build,
 * with the cast exactly as the cast alone builds it and every stored status the one of that day.
 */
export function sweepRegistryOver(year: number): void {
  const customers = demoCustomers();
  it.each(everyDay(`${year}-01-01`, `${year}-12-31`).map((day) => [day]))('builds on %s', (today) => {
    const registry = demoPolicies(customers, noonOf(today));
    expect(registry.cast).toEqual(demoPolicyCast(customers, noonOf(today)));
    const stale = registry.policies.filter((policy) => statusOn(policy, today) !== policy.status);
    expect(stale.map((policy) => policy.number)).toEqual([]);
  });
}
