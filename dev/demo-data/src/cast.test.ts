import { addDays, compareDates, daysBetween, type CalendarDate } from '@cabinet/kernel';
import { renewalWindow, statusOn } from '@cabinet/policy/domain';
import { describe, expect, it } from 'vitest';
import { OSAGO_IN_FORCE_FOR_DAYS } from './cast.ts';
import { demoCustomers, EXISTING_CUSTOMER_ID, SECOND_CUSTOMER_ID } from './customers.ts';
import { DEMO_PARTNERS } from './partners.ts';
import { demoPolicies, demoPolicyCast, type DemoPolicy } from './policies.ts';
import { everyDay, noonOf } from './sweep/sweepRegistry.ts';

const customers = demoCustomers();
const FIRST_DAY = '2025-01-01';
const LAST_DAY = '2027-12-31';
/** Every promise must also hold the day after (a run that crosses midnight) and the day before. */
const MARGIN_DAYS = 2;

function inForceAround(policy: DemoPolicy, today: CalendarDate): boolean {
  return (
    statusOn(policy, today) === 'ACTIVE' &&
    compareDates(policy.period.startsOn, addDays(today, -MARGIN_DAYS)) <= 0 &&
    compareDates(addDays(today, MARGIN_DAYS), policy.period.endsOn) <= 0
  );
}

function renewalOpenAround(policy: DemoPolicy, today: CalendarDate): boolean {
  const window = renewalWindow(policy);
  return (
    inForceAround(policy, today) &&
    compareDates(window.opensOn, addDays(today, -MARGIN_DAYS)) <= 0 &&
    compareDates(addDays(today, MARGIN_DAYS), window.closesOn) <= 0
  );
}

const unpaid = (policy: DemoPolicy) =>
  policy.instalments.filter((instalment) => instalment.status === 'DUE' && instalment.amount.minorUnits > 0);

describe('the demo cast, on every day from 2025 to 2027', () => {
  it.each(everyDay(FIRST_DAY, LAST_DAY).map((day) => [day]))('holds its promises on %s', (today) => {
    const cast = demoPolicyCast(customers, noonOf(today));
    const partners = new Set<string>(DEMO_PARTNERS.map((partner) => partner.id));

    const osago = cast['existingCustomer.osagoInForce'];
    expect(osago.product).toBe('OSAGO');
    expect(inForceAround(osago, today)).toBe(true);
    expect(daysBetween(osago.period.startsOn, today)).toBeGreaterThanOrEqual(OSAGO_IN_FORCE_FOR_DAYS);
    expect(compareDates(addDays(today, MARGIN_DAYS), renewalWindow(osago).opensOn)).toBeLessThan(0);
    expect(partners.has(osago.soldByPartnerId ?? '')).toBe(true);

    const kasko = cast['existingCustomer.kaskoRenewalDue'];
    expect(['KASKO', 'PROPERTY']).toContain(kasko.product);
    expect(renewalOpenAround(kasko, today)).toBe(true);

    const dms = cast['existingCustomer.dmsInstalmentsDue'];
    expect(inForceAround(dms, today)).toBe(true);
    expect(unpaid(dms).length).toBeGreaterThanOrEqual(2);
    expect(unpaid(dms).every((instalment) => compareDates(instalment.dueOn, today) > 0)).toBe(true);

    expect(cast['existingCustomer.accidentExpired'].status).toBe('EXPIRED');

    const secondOsago = cast['secondCustomer.osagoRenewalDue'];
    expect(secondOsago.product).toBe('OSAGO');
    expect(renewalOpenAround(secondOsago, today)).toBe(true);
    expect(partners.has(secondOsago.soldByPartnerId ?? '')).toBe(true);
    expect(secondOsago.soldByPartnerId).not.toBe(osago.soldByPartnerId);

    const property = cast['secondCustomer.propertyInForce'];
    expect(property.product).toBe('PROPERTY');
    expect(inForceAround(property, today)).toBe(true);
    expect(daysBetween(addDays(today, MARGIN_DAYS), property.period.endsOn)).toBeGreaterThan(60);

    for (const [role, policy] of Object.entries(cast)) {
      const holder = role.startsWith('existingCustomer.') ? EXISTING_CUSTOMER_ID : SECOND_CUSTOMER_ID;
      expect(policy.holderId, role).toBe(holder);
      expect(statusOn(policy, today), role).toBe(policy.status);
    }
  });
});

describe('the demo registry around the cast', () => {
  it.each(['2025-02-28', '2026-06-15', '2026-12-05', '2027-12-31'].map((day) => [day]))(
    'on %s gives the cast holders no policy but their own',
    (today) => {
      const registry = demoPolicies(customers, noonOf(today));
      const castIds = new Set(Object.values(registry.cast).map((policy) => policy.id));
      const holdersPolicies = registry.policies.filter((policy) =>
        [EXISTING_CUSTOMER_ID, SECOND_CUSTOMER_ID].includes(policy.holderId),
      );
      expect(holdersPolicies.map((policy) => policy.id).sort()).toEqual([...castIds].sort());
    },
  );

  it('names the cast policies with the same ids whatever the date', () => {
    const ids = (day: CalendarDate) =>
      Object.values(demoPolicyCast(customers, noonOf(day))).map((policy) => policy.id);
    expect(ids('2025-03-01')).toEqual(ids('2027-09-30'));
  });
});
