import { factor } from '@cabinet/kernel';
import { coverageLabel, type Coverage, type CoverageCode } from '../coverage.ts';
import { calculation, component, rate, type TariffCalculation } from './tariffCalculation.ts';
import { termFraction } from './termFraction.ts';

/**
 * Property and mortgage cover, our insurer's rates: per mille (‰) of the sum insured a year. A house
 * costs more than a flat because fire spreads in it unchecked.
 */
export const PROPERTY_RATES_PER_MILLE: Readonly<Partial<Record<CoverageCode, string>>> = {
  PROPERTY_STRUCTURE: '2',
  PROPERTY_FINISHING: '4',
  PROPERTY_BELONGINGS: '5',
  PROPERTY_LIABILITY: '3',
  MORTGAGE_PROPERTY: '1.5',
  MORTGAGE_LIFE: '3',
  MORTGAGE_TITLE: '2',
};
export const HOUSE_FACTOR = '1.5';

export interface PropertyPricingInput {
  readonly coverages: readonly Coverage[];
  readonly propertyType: 'APARTMENT' | 'HOUSE';
  readonly termMonths: number;
}

export function pricePropertyCover(input: PropertyPricingInput): TariffCalculation {
  return calculation(
    input.coverages.map((coverage) => {
      const perMille = PROPERTY_RATES_PER_MILLE[coverage.code];
      if (perMille === undefined) throw new RangeError(`no property rate for ${coverage.code}`);
      return component(coverageLabel(coverage.code), coverage.sumInsured, [
        { code: 'RATE', label: 'Тариф в год', factor: rate(perMille, '‰') },
        ...(input.propertyType === 'HOUSE' &&
        coverage.code !== 'MORTGAGE_LIFE' &&
        coverage.code !== 'MORTGAGE_TITLE'
          ? [{ code: 'HOUSE', label: 'Частный дом', factor: factor(HOUSE_FACTOR) }]
          : []),
        termFraction(input.termMonths),
      ]);
    }),
  );
}
