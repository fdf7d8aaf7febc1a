import { money, type Money } from './money.ts';

/**
 * Splits an amount into `parts` amounts that add up to it exactly. Every part gets the same whole
 * number of minor units and the undividable remainder goes to the first part, so a customer paying
 * by instalments settles the odd kopecks up front and every later instalment is the same.
 */
export function splitEvenly(amount: Money, parts: number): Money[] {
  if (!Number.isSafeInteger(parts) || parts < 1) throw new RangeError(`cannot split into ${parts} parts`);
  const sign = amount.minorUnits < 0 ? -1 : 1;
  const magnitude = Math.abs(amount.minorUnits);
  const share = Math.floor(magnitude / parts);
  const remainder = magnitude - share * parts;
  return Array.from({ length: parts }, (_, index) =>
    money(sign * (index === 0 ? share + remainder : share), amount.currency),
  );
}
