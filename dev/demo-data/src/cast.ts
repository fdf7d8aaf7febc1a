import { rubles, zero, addDays, addMonths, type CalendarDate } from '@cabinet/kernel';
import type { Coverage, InsuredObject, Product } from '@cabinet/policy/domain';
import { EXISTING_CUSTOMER_ID, SECOND_CUSTOMER_ID, type DemoCustomer } from './customers.ts';
import { DEMO_PARTNERS } from './partners.ts';

/**
 * A policy the demo promises on every date: where its term stands is written relative to `today`,
 * so the situation it shows (in force, renewal window open, instalment due, expired) never moves.
 */
export interface ScriptedPolicy {
  /** Names the policy in the cast, and seeds its ids: the same role gets the same ids on every date. */
  readonly role: CastRole;
  readonly holderId: string;
  readonly product: Product;
  readonly startsOn: CalendarDate;
  readonly termMonths: number;
  readonly instalmentCount: number;
  readonly insuredObject: InsuredObject;
  readonly coverages: readonly Coverage[];
  readonly soldByPartnerId: string | null;
}

export type CastRole =
  | 'existingCustomer.osagoInForce'
  | 'existingCustomer.kaskoRenewalDue'
  | 'existingCustomer.dmsInstalmentsDue'
  | 'existingCustomer.accidentExpired'
  | 'secondCustomer.osagoRenewalDue'
  | 'secondCustomer.propertyInForce';

const [BANK, DEALER] = DEMO_PARTNERS;

/** Days the in-force ОСАГО has run: claims may name an incident up to this long ago. */
export const OSAGO_IN_FORCE_FOR_DAYS = 120;
/** Days until the last day of a policy whose renewal window is open (it opens 60 days before). */
const KASKO_ENDS_IN_DAYS = 30;
const OSAGO_RENEWAL_ENDS_IN_DAYS = 40;

/** The first day of a term of `months` that ends `daysFromToday` after today. */
function startEndingIn(today: CalendarDate, months: number, daysFromToday: number): CalendarDate {
  return addDays(addMonths(addDays(today, daysFromToday), -months), 1);
}

function fullName(customer: DemoCustomer): string {
  return `${customer.lastName} ${customer.firstName} ${customer.middleName}`;
}

function existingCustomerPolicies(customer: DemoCustomer, today: CalendarDate): ScriptedPolicy[] {
  const holder = { fullName: fullName(customer), birthDate: customer.birthDate };
  const car: InsuredObject = {
    kind: 'VEHICLE',
    vehicle: {
      vin: 'Z94CB41AAGR323017',
      plate: 'К482МР777',
      make: 'Kia',
      model: 'Rio',
      manufactureYear: 2021,
      enginePowerHp: 123,
      ownerTerritory: 'MOSCOW',
      usageMonths: 12,
    },
    drivers: { kind: 'NAMED', drivers: [{ ...holder, licensedSince: '1998-10-05', kbmClass: '8' }] },
  };
  const none = zero('RUB');
  return [
    {
      role: 'existingCustomer.osagoInForce',
      holderId: customer.id,
      product: 'OSAGO',
      startsOn: addDays(today, -OSAGO_IN_FORCE_FOR_DAYS),
      termMonths: 12,
      instalmentCount: 1,
      insuredObject: car,
      coverages: [
        { code: 'OSAGO_PROPERTY', sumInsured: rubles(400_000), deductible: none },
        { code: 'OSAGO_LIFE_HEALTH', sumInsured: rubles(500_000), deductible: none },
      ],
      soldByPartnerId: DEALER.id,
    },
    {
      role: 'existingCustomer.kaskoRenewalDue',
      holderId: customer.id,
      product: 'KASKO',
      startsOn: startEndingIn(today, 12, KASKO_ENDS_IN_DAYS),
      termMonths: 12,
      instalmentCount: 1,
      insuredObject: car,
      coverages: [{ code: 'KASKO_DAMAGE_THEFT', sumInsured: rubles(1_800_000), deductible: rubles(15_000) }],
      soldByPartnerId: null,
    },
    {
      role: 'existingCustomer.dmsInstalmentsDue',
      holderId: customer.id,
      product: 'DMS',
      startsOn: addDays(today, -45),
      termMonths: 12,
      instalmentCount: 12,
      insuredObject: { kind: 'PERSONS', persons: [holder] },
      coverages: [
        { code: 'DMS_OUTPATIENT', sumInsured: rubles(1_000_000), deductible: none },
        { code: 'DMS_DENTAL', sumInsured: rubles(100_000), deductible: none },
      ],
      soldByPartnerId: null,
    },
    {
      role: 'existingCustomer.accidentExpired',
      holderId: customer.id,
      product: 'ACCIDENT',
      startsOn: addDays(today, -300),
      termMonths: 6,
      instalmentCount: 1,
      insuredObject: { kind: 'PERSONS', persons: [holder] },
      coverages: [
        { code: 'ACCIDENT_DEATH_DISABILITY', sumInsured: rubles(1_000_000), deductible: none },
        { code: 'ACCIDENT_TRAUMA', sumInsured: rubles(200_000), deductible: none },
      ],
      soldByPartnerId: null,
    },
  ];
}

function secondCustomerPolicies(customer: DemoCustomer, today: CalendarDate): ScriptedPolicy[] {
  const holder = { fullName: fullName(customer), birthDate: customer.birthDate };
  const none = zero('RUB');
  return [
    {
      role: 'secondCustomer.osagoRenewalDue',
      holderId: customer.id,
      product: 'OSAGO',
      startsOn: startEndingIn(today, 12, OSAGO_RENEWAL_ENDS_IN_DAYS),
      termMonths: 12,
      instalmentCount: 1,
      insuredObject: {
        kind: 'VEHICLE',
        vehicle: {
          vin: 'XW7BF4FK40S125734',
          plate: 'Е715ОТ199',
          make: 'Toyota',
          model: 'Camry',
          manufactureYear: 2019,
          enginePowerHp: 181,
          ownerTerritory: 'MOSCOW',
          usageMonths: 12,
        },
        drivers: { kind: 'NAMED', drivers: [{ ...holder, licensedSince: '2004-06-21', kbmClass: '5' }] },
      },
      coverages: [
        { code: 'OSAGO_PROPERTY', sumInsured: rubles(400_000), deductible: none },
        { code: 'OSAGO_LIFE_HEALTH', sumInsured: rubles(500_000), deductible: none },
      ],
      soldByPartnerId: BANK.id,
    },
    {
      role: 'secondCustomer.propertyInForce',
      holderId: customer.id,
      product: 'PROPERTY',
      startsOn: addDays(today, -30),
      termMonths: 12,
      instalmentCount: 2,
      insuredObject: {
        kind: 'PROPERTY',
        address: 'г. Москва, Комсомольский пр-т, д. 28, кв. 64',
        propertyType: 'APARTMENT',
      },
      coverages: [
        { code: 'PROPERTY_FINISHING', sumInsured: rubles(800_000), deductible: none },
        { code: 'PROPERTY_BELONGINGS', sumInsured: rubles(300_000), deductible: none },
        { code: 'PROPERTY_LIABILITY', sumInsured: rubles(500_000), deductible: none },
      ],
      soldByPartnerId: null,
    },
  ];
}

/** The cast's policies as of `today`, the holders' records taken from the registry's customers. */
export function scriptedPolicies(customers: readonly DemoCustomer[], today: CalendarDate): ScriptedPolicy[] {
  const customer = (id: string) => {
    const found = customers.find((candidate) => candidate.id === id);
    if (!found) throw new Error(`the demo registry has no customer ${id}`);
    return found;
  };
  return [
    ...existingCustomerPolicies(customer(EXISTING_CUSTOMER_ID), today),
    ...secondCustomerPolicies(customer(SECOND_CUSTOMER_ID), today),
  ];
}
