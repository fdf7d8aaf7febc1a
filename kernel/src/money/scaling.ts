import { money, type Money } from './money.ts';
import { divideRounded } from './rounding.ts';

/**
 * An exact multiplier: a tariff coefficient such as КТ 1.87 or a time fraction such as 7/12. Kept
 * as a fraction of bigints so that a chain of coefficients multiplies exactly and is rounded once.
 * `text` is how the coefficient is shown to people and in a premium breakdown.
 */
export interface Factor {
  readonly numerator: bigint;
  readonly denominator: bigint;
  readonly text: string;
}

const DECIMAL_FACTOR = /^(0|[1-9]\d*)(?:\.(\d{1,6}))?$/;

/** A coefficient written as a plain decimal, e.g. factor('1.87'); at most six decimals. */
export function factor(decimal: string): Factor {
  const match = DECIMAL_FACTOR.exec(decimal);
  if (!match) throw new RangeError(`not a decimal coefficient: ${decimal}`);
  const fraction = match[2] ?? '';
  return {
    numerator: BigInt(`${match[1]}${fraction}`),
    denominator: 10n ** BigInt(fraction.length),
    text: decimal,
  };
}

export function ratio(numerator: number, denominator: number): Factor {
  if (!Number.isSafeInteger(numerator) || !Number.isSafeInteger(denominator) || denominator <= 0) {
    throw new RangeError(`not a ratio of integers: ${numerator}/${denominator}`);
  }
  return {
    numerator: BigInt(numerator),
    denominator: BigInt(denominator),
    text: `${numerator}/${denominator}`,
  };
}

/** The amount times every factor, computed exactly and rounded once (see rounding.ts). */
export function multiply(amount: Money, ...factors: readonly Factor[]): Money {
  let numerator = BigInt(amount.minorUnits);
  let denominator = 1n;
  for (const f of factors) {
    numerator *= f.numerator;
    denominator *= f.denominator;
  }
  return money(divideRounded(numerator, denominator), amount.currency);
}
