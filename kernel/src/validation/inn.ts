import { digitsOf, weightedSum } from './digits.ts';
import { invalid, valid, type Validated } from './result.ts';

/** An INN: 10 digits for an organisation, 12 for a person (individual or sole trader). */
export interface Inn {
  readonly value: string;
  readonly kind: 'organisation' | 'person';
}

const ORGANISATION_WEIGHTS = [2, 4, 10, 3, 5, 9, 4, 6, 8];
const PERSON_FIRST_CHECK_WEIGHTS = [7, 2, 4, 10, 3, 5, 9, 4, 6, 8];
const PERSON_SECOND_CHECK_WEIGHTS = [3, 7, 2, 4, 10, 3, 5, 9, 4, 6, 8];

function checkDigit(digits: string, weights: readonly number[]): number {
  return (weightedSum(digits, weights) % 11) % 10;
}

const wrongFormat = () =>
  invalid('INVALID_INN', 'ИНН должен состоять из 10 цифр (организация) или 12 цифр (физическое лицо).');
const wrongCheckDigits = () =>
  invalid('INVALID_INN', 'ИНН указан с ошибкой: не сходятся контрольные цифры. Проверьте номер.');

export function validateInn(raw: string): Validated<Inn> {
  const digits = digitsOf(raw, /\s+/g);
  if (digits === undefined) return wrongFormat();
  if (digits.length === 10) {
    const matches = checkDigit(digits, ORGANISATION_WEIGHTS) === Number(digits[9]);
    return matches ? valid({ value: digits, kind: 'organisation' }) : wrongCheckDigits();
  }
  if (digits.length === 12) {
    const matches =
      checkDigit(digits, PERSON_FIRST_CHECK_WEIGHTS) === Number(digits[10]) &&
      checkDigit(digits, PERSON_SECOND_CHECK_WEIGHTS) === Number(digits[11]);
    return matches ? valid({ value: digits, kind: 'person' }) : wrongCheckDigits();
  }
  return wrongFormat();
}
