import { factor, type CalendarDate } from '@cabinet/kernel';
import type { Coverage } from '../coverage.ts';
import { coverageLabel } from '../coverage.ts';
import { calculation, component, rate, type TariffCalculation } from './tariffCalculation.ts';
import { termFraction } from './termFraction.ts';

/** КАСКО, our insurer's rates: a yearly percentage of the sum insured (the car's value) by its age in years. */
export const KASKO_RATE_BY_VEHICLE_AGE: ReadonlyArray<{
  readonly fromYears: number;
  readonly yearlyPercent: string;
}> = [
  { fromYears: 0, yearlyPercent: '4.5' },
  { fromYears: 1, yearlyPercent: '5.5' },
  { fromYears: 3, yearlyPercent: '6.5' },
  { fromYears: 6, yearlyPercent: '8' },
  { fromYears: 10, yearlyPercent: '9.5' },
];

/** A deductible lowers the price: up to the listed amount (in roubles, inclusive), this factor. */
export const KASKO_DEDUCTIBLE_DISCOUNTS: ReadonlyArray<{
  readonly upToRubles: number;
  readonly factor: string;
}> = [
  { upToRubles: 0, factor: '1' },
  { upToRubles: 15_000, factor: '0.92' },
  { upToRubles: 30_000, factor: '0.85' },
  { upToRubles: 50_000, factor: '0.8' },
  { upToRubles: 100_000, factor: '0.75' },
];

export interface KaskoPricingInput {
  readonly coverages: readonly Coverage[];
  readonly manufactureYear: number;
  readonly startsOn: CalendarDate;
  readonly termMonths: number;
}

export function kaskoRatePercent(manufactureYear: number, startsOn: CalendarDate): string {
  const age = Math.max(0, Number(startsOn.slice(0, 4)) - manufactureYear);
  return KASKO_RATE_BY_VEHICLE_AGE.filter((band) => age >= band.fromYears).at(-1)?.yearlyPercent ?? '4.5';
}

export function kaskoDeductibleFactor(deductibleKopecks: number): string {
  const band = KASKO_DEDUCTIBLE_DISCOUNTS.find((b) => deductibleKopecks <= b.upToRubles * 100);
  return band?.factor ?? '0.75';
}

export function priceKasko(input: KaskoPricingInput): TariffCalculation {
  const yearlyPercent = kaskoRatePercent(input.manufactureYear, input.startsOn);
  return calculation(
    input.coverages.map((coverage) =>
      component(coverageLabel(coverage.code), coverage.sumInsured, [
        {
          code: 'RATE',
          label: `Тариф по возрасту автомобиля (${input.manufactureYear} г. в.)`,
          factor: rate(yearlyPercent, '%'),
        },
        {
          code: 'DEDUCTIBLE',
          label: 'Скидка за франшизу',
          factor: factor(kaskoDeductibleFactor(coverage.deductible.minorUnits)),
        },
        termFraction(input.termMonths),
      ]),
    ),
  );
}
