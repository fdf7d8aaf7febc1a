/**
 * Money is an integer count of minor units (kopecks for RUB, euro cents for EUR) kept as a safe
 * JavaScript integer. Numbers rather than bigint because policies are stored as JSON documents and
 * the largest sums we insure (billions of roubles) are far below Number.MAX_SAFE_INTEGER kopecks
 * (≈ 90 trillion roubles). Arithmetic that scales an amount goes through bigint (see scaling.ts), so
 * no float ever touches an amount.
 */
export const CURRENCIES = ['RUB', 'EUR'] as const;
export type Currency = (typeof CURRENCIES)[number];

/** Both currencies we use have 100 minor units. */
export const MINOR_UNITS_PER_MAJOR = 100;

export interface Money {
  readonly minorUnits: number;
  readonly currency: Currency;
}

export function isCurrency(value: string): value is Currency {
  return (CURRENCIES as readonly string[]).includes(value);
}

export function money(minorUnits: number | bigint, currency: Currency): Money {
  const value = typeof minorUnits === 'bigint' ? Number(minorUnits) : minorUnits;
  if (!Number.isSafeInteger(value)) {
    throw new RangeError(`money must be a safe integer of minor units, got ${String(minorUnits)}`);
  }
  // -0 would print as "0.00" but compare unequal in Object.is-based equality checks.
  return { minorUnits: value === 0 ? 0 : value, currency };
}

export const kopecks = (minorUnits: number | bigint): Money => money(minorUnits, 'RUB');
export const rubles = (whole: number): Money => money(whole * MINOR_UNITS_PER_MAJOR, 'RUB');
export const euros = (whole: number): Money => money(whole * MINOR_UNITS_PER_MAJOR, 'EUR');
export const zero = (currency: Currency): Money => money(0, currency);

function sameCurrency(a: Money, b: Money): Currency {
  if (a.currency !== b.currency) {
    throw new RangeError(`cannot combine ${a.currency} with ${b.currency}`);
  }
  return a.currency;
}

export function add(a: Money, b: Money): Money {
  return money(a.minorUnits + b.minorUnits, sameCurrency(a, b));
}

export function subtract(a: Money, b: Money): Money {
  return money(a.minorUnits - b.minorUnits, sameCurrency(a, b));
}

export function negate(a: Money): Money {
  return money(-a.minorUnits, a.currency);
}

export function sum(amounts: readonly Money[], currency: Currency): Money {
  return amounts.reduce((total, amount) => add(total, amount), zero(currency));
}

/** Negative, zero or positive like a sort comparator; throws on mixed currencies. */
export function compare(a: Money, b: Money): number {
  sameCurrency(a, b);
  return Math.sign(a.minorUnits - b.minorUnits);
}

export function equals(a: Money, b: Money): boolean {
  return a.currency === b.currency && a.minorUnits === b.minorUnits;
}

export const isZero = (a: Money): boolean => a.minorUnits === 0;
export const isNegative = (a: Money): boolean => a.minorUnits < 0;
