import { coverageLabel, type Coverage } from '../coverage.ts';
import type { CalendarDate } from '@cabinet/kernel';
import type { InsuredPerson } from '../insuredObject.ts';
import { ageBandOf, type AgeBand } from './ageBands.ts';
import { calculation, component, rate, type TariffCalculation } from './tariffCalculation.ts';
import { termFraction } from './termFraction.ts';

/**
 * ДМС, our insurer's rates: per person, a yearly per-mille rate of each programme's sum insured that
 * depends on the person's age band. With the usual 1 000 000 ₽ outpatient programme an adult of 30
 * pays 25 000 ₽ a year for it.
 */
export const DMS_RATE_BY_AGE: readonly AgeBand<string>[] = [
  { fromAge: 0, label: 'до 18 лет', value: '30' },
  { fromAge: 18, label: '18–39 лет', value: '25' },
  { fromAge: 40, label: '40–59 лет', value: '35' },
  { fromAge: 60, label: '60 лет и старше', value: '60' },
];

export interface PersonsPricingInput {
  readonly persons: readonly InsuredPerson[];
  readonly coverages: readonly Coverage[];
  readonly startsOn: CalendarDate;
  readonly termMonths: number;
}

export function priceDms(input: PersonsPricingInput): TariffCalculation {
  return calculation(
    input.persons.flatMap((person) => {
      const band = ageBandOf(DMS_RATE_BY_AGE, person.birthDate, input.startsOn);
      return input.coverages.map((coverage) =>
        component(`${coverageLabel(coverage.code)}: ${person.fullName}`, coverage.sumInsured, [
          { code: 'RATE', label: `Тариф в год, возраст ${band.label}`, factor: rate(band.value, '‰') },
          termFraction(input.termMonths),
        ]),
      );
    }),
  );
}
