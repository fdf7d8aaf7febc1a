import { coverageLabel, type Coverage, type CoverageCode } from '../coverage.ts';
import { calculation, component, rate, type TariffCalculation } from './tariffCalculation.ts';
import type { PersonsPricingInput } from './dmsTariff.ts';
import { termFraction } from './termFraction.ts';

/** НС, our insurer's rates: a yearly percentage of each person's sum insured, the same at any age. */
export const ACCIDENT_RATES_PERCENT: Readonly<Partial<Record<CoverageCode, string>>> = {
  ACCIDENT_DEATH_DISABILITY: '0.4',
  ACCIDENT_TRAUMA: '1.2',
};

function accidentRate(coverage: Coverage): string {
  const percent = ACCIDENT_RATES_PERCENT[coverage.code];
  if (percent === undefined) throw new RangeError(`no accident rate for ${coverage.code}`);
  return percent;
}

export function priceAccident(input: PersonsPricingInput): TariffCalculation {
  return calculation(
    input.persons.flatMap((person) =>
      input.coverages.map((coverage) =>
        component(`${coverageLabel(coverage.code)}: ${person.fullName}`, coverage.sumInsured, [
          { code: 'RATE', label: 'Тариф в год', factor: rate(accidentRate(coverage), '%') },
          termFraction(input.termMonths),
        ]),
      ),
    ),
  );
}
