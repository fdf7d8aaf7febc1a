import { DomainError } from '../errors/domainError.ts';
import { isCurrency, money, MINOR_UNITS_PER_MAJOR, type Currency, type Money } from './money.ts';

/** How money crosses the API: a decimal string with exactly two decimals and an ISO 4217 code. */
export interface ApiMoney {
  readonly amount: string;
  readonly currency: Currency;
}

/** "12345.67", "-0.05", "0.00": no grouping, a dot, always two decimals. */
export function formatDecimal(amount: Money): string {
  const sign = amount.minorUnits < 0 ? '-' : '';
  const magnitude = Math.abs(amount.minorUnits);
  const whole = Math.trunc(magnitude / MINOR_UNITS_PER_MAJOR);
  const fraction = String(magnitude % MINOR_UNITS_PER_MAJOR).padStart(2, '0');
  return `${sign}${whole}.${fraction}`;
}

export function toApiMoney(amount: Money): ApiMoney {
  return { amount: formatDecimal(amount), currency: amount.currency };
}

/**
 * Accepts only what formatDecimal could have written, with the decimals optional: an optional
 * minus, no leading zeros, a dot and one or two decimals. Rejects "1,5", "1e3", " 1", "+1", ".5",
 * "1." and "-0" rather than guessing, because a misread sum insured is worse than a retyped one.
 */
const STRICT_DECIMAL = /^(-?)(0|[1-9]\d*)(?:\.(\d{1,2}))?$/;

function invalidAmount(text: string): DomainError {
  return new DomainError(
    'INVALID_MONEY_AMOUNT',
    'Сумма указана неверно: используйте цифры и точку, не больше двух знаков после точки, например 12345.67.',
    { amount: text },
  );
}

export function parseDecimal(text: string, currency: Currency): Money {
  const match = STRICT_DECIMAL.exec(text);
  if (!match) throw invalidAmount(text);
  const [, sign, whole = '', fraction = ''] = match;
  const minorUnits = BigInt(`${sign}${whole}${fraction.padEnd(2, '0')}`);
  if (sign === '-' && minorUnits === 0n) throw invalidAmount(text);
  if (minorUnits > BigInt(Number.MAX_SAFE_INTEGER) || minorUnits < BigInt(Number.MIN_SAFE_INTEGER)) {
    throw invalidAmount(text);
  }
  return money(minorUnits, currency);
}

export function fromApiMoney(input: { readonly amount: string; readonly currency: string }): Money {
  if (!isCurrency(input.currency)) {
    throw new DomainError('INVALID_CURRENCY', 'Валюта не поддерживается: укажите RUB или EUR.', {
      currency: input.currency,
    });
  }
  return parseDecimal(input.amount, input.currency);
}

const CURRENCY_SIGNS: Record<Currency, string> = { RUB: '₽', EUR: '€' };
const NARROW_NO_BREAK_SPACE = '\u202f';
const NO_BREAK_SPACE = '\u00a0';

/** For documents and messages people read: "12 345,67 ₽" with non-breaking spaces. */
export function formatForPeople(amount: Money): string {
  const [whole = '', fraction = ''] = formatDecimal(amount).split('.');
  const grouped = whole.replace(/\B(?=(\d{3})+(?!\d))/g, NARROW_NO_BREAK_SPACE);
  return `${grouped},${fraction}${NO_BREAK_SPACE}${CURRENCY_SIGNS[amount.currency]}`;
}
