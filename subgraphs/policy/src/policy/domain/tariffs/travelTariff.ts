import { equals, euros, factor, rubles, type CalendarDate, type Money } from '@cabinet/kernel';
import type { Coverage } from '../coverage.ts';
import type { InsuredPerson, TravelTerritory } from '../insuredObject.ts';
import { ageBandOf, type AgeBand } from './ageBands.ts';
import { calculation, component, type TariffCalculation } from './tariffCalculation.ts';

/**
 * ВЗР, our insurer's rates: roubles per person per day of cover by territory, for the basic medical
 * limit of 30 000 €. Premiums are in roubles even though the limit is in euros, so no exchange
 * rate enters the price.
 */
export const TRAVEL_DAILY_RATES: Readonly<Record<TravelTerritory, { label: string; perDay: Money }>> = {
  RUSSIA: { label: 'Россия', perDay: rubles(30) },
  CIS: { label: 'СНГ и Абхазия', perDay: rubles(55) },
  EUROPE: { label: 'Европа (шенгенская зона)', perDay: rubles(85) },
  ASIA: { label: 'Азия', perDay: rubles(95) },
  WORLD_EXCEPT_USA: { label: 'Весь мир, кроме США и Канады', perDay: rubles(110) },
  WORLD: { label: 'Весь мир', perDay: rubles(160) },
};

/** Factor on the daily rate for each medical limit sold (see TRAVEL_MEDICAL in coverage.ts). */
export const TRAVEL_LIMIT_FACTORS: ReadonlyArray<{ readonly limitEuros: number; readonly factor: string }> = [
  { limitEuros: 30_000, factor: '1' },
  { limitEuros: 50_000, factor: '1.2' },
  { limitEuros: 100_000, factor: '1.5' },
];

export const TRAVEL_AGE_FACTORS: readonly AgeBand<string>[] = [
  { fromAge: 0, label: 'до 65 лет', value: '1' },
  { fromAge: 65, label: '65–79 лет', value: '2' },
  { fromAge: 80, label: '80 лет и старше', value: '4' },
];

export interface TravelPricingInput {
  readonly persons: readonly InsuredPerson[];
  readonly coverages: readonly Coverage[];
  readonly territory: TravelTerritory;
  readonly startsOn: CalendarDate;
  readonly days: number;
}

function limitFactor(coverage: Coverage): string {
  const option = TRAVEL_LIMIT_FACTORS.find((o) => equals(coverage.sumInsured, euros(o.limitEuros)));
  if (!option) throw new RangeError(`no travel limit factor for ${coverage.sumInsured.minorUnits}`);
  return option.factor;
}

export function priceTravel(input: TravelPricingInput): TariffCalculation {
  const territory = TRAVEL_DAILY_RATES[input.territory];
  return calculation(
    input.persons.flatMap((person) => {
      const age = ageBandOf(TRAVEL_AGE_FACTORS, person.birthDate, input.startsOn);
      return input.coverages.map((coverage) =>
        component(`Медицинские расходы: ${person.fullName}`, territory.perDay, [
          {
            code: 'DAYS',
            label: `Дней страхования (${territory.label})`,
            factor: factor(String(input.days)),
          },
          { code: 'LIMIT', label: 'Коэффициент страховой суммы', factor: factor(limitFactor(coverage)) },
          { code: 'AGE', label: `Коэффициент возраста (${age.label})`, factor: factor(age.value) },
        ]),
      );
    }),
  );
}
