/**
 * The one rounding rule of the policy service: half away from zero ("half-up" in commercial
 * terms), applied once, at the end of a calculation, to whole minor units. Russian accounting and
 * the tax code round half a kopeck up, and rounding away from zero makes a refund the exact mirror
 * of the charge it reverses (-12.345 → -12.35 just as 12.345 → 12.35). Banker's rounding would be
 * kinder to large portfolios but surprises customers who check a premium with a calculator.
 */
export const ROUNDING_RULE = 'HALF_AWAY_FROM_ZERO' as const;

/** numerator / denominator rounded to the nearest integer, halves away from zero. */
export function divideRounded(numerator: bigint, denominator: bigint): bigint {
  if (denominator === 0n) throw new RangeError('division by zero');
  const negative = numerator < 0n !== denominator < 0n;
  const n = numerator < 0n ? -numerator : numerator;
  const d = denominator < 0n ? -denominator : denominator;
  const quotient = n / d;
  const roundedUp = (n % d) * 2n >= d;
  const magnitude = roundedUp ? quotient + 1n : quotient;
  return negative ? -magnitude : magnitude;
}
