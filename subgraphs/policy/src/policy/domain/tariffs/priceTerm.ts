import { DomainError } from '@cabinet/kernel';
import type { Coverage } from '../coverage.ts';
import { INSURED_OBJECT_KIND, type InsuredObject } from '../insuredObject.ts';
import { periodDays, type PolicyPeriod } from '../period.ts';
import type { Product } from '../product.ts';
import { priceAccident } from './accidentTariff.ts';
import { priceDms } from './dmsTariff.ts';
import { priceKasko } from './kaskoTariff.ts';
import { priceOsago } from './osagoTariff.ts';
import { pricePropertyCover } from './propertyTariff.ts';
import type { TariffCalculation } from './tariffCalculation.ts';
import { priceTravel } from './travelTariff.ts';

/** Everything a premium depends on: the terms of one policy period. */
export interface PolicyTerms {
  readonly product: Product;
  readonly insuredObject: InsuredObject;
  readonly coverages: readonly Coverage[];
  readonly period: PolicyPeriod;
  readonly termMonths: number;
}

function objectMismatch(product: Product): DomainError {
  return new DomainError('INSURED_OBJECT_MISMATCH', 'Объект страхования не подходит для этого продукта.', {
    product,
    expected: INSURED_OBJECT_KIND[product],
  });
}

/** The premium for one whole period. Ages and the car's age are taken on the period's first day. */
export function priceTerm(terms: PolicyTerms): TariffCalculation {
  const { product, insuredObject: object, coverages, period, termMonths } = terms;
  const startsOn = period.startsOn;
  switch (product) {
    case 'OSAGO':
      if (object.kind !== 'VEHICLE') throw objectMismatch(product);
      return priceOsago({ vehicle: object.vehicle, drivers: object.drivers, startsOn });
    case 'KASKO':
      if (object.kind !== 'VEHICLE') throw objectMismatch(product);
      return priceKasko({ coverages, manufactureYear: object.vehicle.manufactureYear, startsOn, termMonths });
    case 'PROPERTY':
    case 'MORTGAGE':
      if (object.kind !== 'PROPERTY') throw objectMismatch(product);
      return pricePropertyCover({ coverages, propertyType: object.propertyType, termMonths });
    case 'DMS':
      if (object.kind !== 'PERSONS') throw objectMismatch(product);
      return priceDms({ persons: object.persons, coverages, startsOn, termMonths });
    case 'ACCIDENT':
      if (object.kind !== 'PERSONS') throw objectMismatch(product);
      return priceAccident({ persons: object.persons, coverages, startsOn, termMonths });
    case 'TRAVEL':
      if (object.kind !== 'TRAVELLERS') throw objectMismatch(product);
      return priceTravel({
        persons: object.persons,
        coverages,
        territory: object.territory,
        startsOn,
        days: periodDays(period),
      });
    default: {
      const _exhaustive: never = product;
      return _exhaustive;
    }
  }
}
