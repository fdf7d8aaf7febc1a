import { ratio, type Factor } from '@cabinet/kernel';
import type { NamedFactor } from './tariffCalculation.ts';

/**
 * Annual rates are charged in proportion to the months bought: 6 months cost 6/12 of a year. Real
 * insurers load short terms; proportional pricing keeps a mid-term change's pro-rata share consistent
 * with the price of the term itself.
 */
export function termFraction(termMonths: number): NamedFactor {
  const fraction: Factor = ratio(termMonths, 12);
  return { code: 'TERM', label: `Срок страхования, месяцев: ${termMonths}`, factor: fraction };
}
