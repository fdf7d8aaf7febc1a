import type { CalendarDate } from '@cabinet/kernel';
import type { KbmClass, OsagoTerritory } from './tariffs/osagoCoefficients.ts';
import type { Product } from './product.ts';

export interface Driver {
  readonly fullName: string;
  readonly birthDate: CalendarDate;
  /** First issue of a driving licence: driving experience (стаж) is counted from it. */
  readonly licensedSince: CalendarDate;
  /**
   * Bonus-malus class from the РСА information system, which we do not emulate: the stored class
   * is used as it is when a policy is priced or renewed.
   */
  readonly kbmClass: KbmClass;
}

export type DriverList =
  | { readonly kind: 'NAMED'; readonly drivers: readonly Driver[] }
  | { readonly kind: 'UNLIMITED'; readonly ownerKbmClass: KbmClass };

export interface Vehicle {
  readonly vin: string;
  readonly plate: string;
  readonly make: string;
  readonly model: string;
  readonly manufactureYear: number;
  readonly enginePowerHp: number;
  /** Where the owner is registered; ОСАГО prices by it (КТ). */
  readonly ownerTerritory: OsagoTerritory;
  /** Months a year the car is used (КС, seasonal use), 3–12; 12 unless the owner chose less. */
  readonly usageMonths: number;
}

export interface InsuredPerson {
  readonly fullName: string;
  readonly birthDate: CalendarDate;
}

export const TRAVEL_TERRITORIES = ['RUSSIA', 'CIS', 'EUROPE', 'ASIA', 'WORLD_EXCEPT_USA', 'WORLD'] as const;
export type TravelTerritory = (typeof TRAVEL_TERRITORIES)[number];

/** What a policy insures; which kind a product takes is fixed by INSURED_OBJECT_KIND. */
export type InsuredObject =
  | { readonly kind: 'VEHICLE'; readonly vehicle: Vehicle; readonly drivers: DriverList }
  | {
      readonly kind: 'PROPERTY';
      readonly address: string;
      readonly propertyType: 'APARTMENT' | 'HOUSE';
      /** The lending bank for mortgage cover, paid first as the beneficiary. */
      readonly beneficiaryBank?: string;
    }
  | { readonly kind: 'PERSONS'; readonly persons: readonly InsuredPerson[] }
  | {
      readonly kind: 'TRAVELLERS';
      readonly persons: readonly InsuredPerson[];
      readonly territory: TravelTerritory;
      readonly countries: readonly string[];
    };

export type InsuredObjectKind = InsuredObject['kind'];

export const INSURED_OBJECT_KIND: Readonly<Record<Product, InsuredObjectKind>> = {
  OSAGO: 'VEHICLE',
  KASKO: 'VEHICLE',
  PROPERTY: 'PROPERTY',
  MORTGAGE: 'PROPERTY',
  DMS: 'PERSONS',
  ACCIDENT: 'PERSONS',
  TRAVEL: 'TRAVELLERS',
};

export const PROPERTY_TYPE_LABELS = { APARTMENT: 'квартира', HOUSE: 'дом' } as const;
