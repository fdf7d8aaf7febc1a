import { digitsOf, weightedSum } from './digits.ts';
import { invalid, valid, type Validated } from './result.ts';

/** A SNILS as 11 digits; `formatted` is the "XXX-XXX-XXX YY" form ESIA and documents use. */
export interface Snils {
  readonly value: string;
  readonly formatted: string;
}

/** Numbers up to 001-001-998 were issued before the check sum existed, so theirs is not checked. */
const FIRST_CHECKED_NUMBER = 1_001_998;
const WEIGHTS = [9, 8, 7, 6, 5, 4, 3, 2, 1];

export function snilsCheckSum(nineDigits: string): string {
  let sum = weightedSum(nineDigits, WEIGHTS);
  if (sum > 101) sum %= 101;
  if (sum === 100 || sum === 101) sum = 0;
  return String(sum).padStart(2, '0');
}

export function formatSnils(elevenDigits: string): string {
  const d = elevenDigits;
  return `${d.slice(0, 3)}-${d.slice(3, 6)}-${d.slice(6, 9)} ${d.slice(9, 11)}`;
}

export function validateSnils(raw: string): Validated<Snils> {
  const digits = digitsOf(raw, /[\s-]+/g);
  if (digits?.length !== 11) {
    return invalid('INVALID_SNILS', 'СНИЛС должен состоять из 11 цифр, например 112-233-445 95.');
  }
  const number = digits.slice(0, 9);
  if (Number(number) > FIRST_CHECKED_NUMBER && snilsCheckSum(number) !== digits.slice(9)) {
    return invalid(
      'INVALID_SNILS',
      'СНИЛС указан с ошибкой: не сходится контрольное число. Проверьте номер.',
    );
  }
  return valid({ value: digits, formatted: formatSnils(digits) });
}
