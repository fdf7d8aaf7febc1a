import { invalid, valid, type Validated } from './result.ts';

/** The series and number of an internal passport of a citizen of Russia, digits only. */
export interface RussianPassport {
  readonly series: string;
  readonly number: string;
}

/**
 * Accepts the series and number as printed ("53 03", "925695") or as ESIA sends them ("5303").
 * A series of "00" region digits or an all-zero number is never issued.
 */
export function validatePassport(series: string, number: string): Validated<RussianPassport> {
  const compactSeries = series.replace(/\s+/g, '');
  const compactNumber = number.replace(/\s+/g, '');
  if (!/^\d{4}$/.test(compactSeries)) {
    return invalid('INVALID_PASSPORT', 'Серия паспорта должна состоять из 4 цифр, например 45 08.');
  }
  if (!/^\d{6}$/.test(compactNumber)) {
    return invalid('INVALID_PASSPORT', 'Номер паспорта должен состоять из 6 цифр, например 123456.');
  }
  if (compactSeries.startsWith('00') || compactNumber === '000000') {
    return invalid('INVALID_PASSPORT', 'Такие серия и номер паспорта не выдаются. Проверьте данные.');
  }
  return valid({ series: compactSeries, number: compactNumber });
}

/** Parses "5303 925695" or "53 03 925695" as printed in one line. */
export function parsePassport(raw: string): Validated<RussianPassport> {
  const compact = raw.replace(/[\s№-]+/g, '');
  if (!/^\d{10}$/.test(compact)) {
    return invalid('INVALID_PASSPORT', 'Укажите серию и номер паспорта: 10 цифр, например 45 08 123456.');
  }
  return validatePassport(compact.slice(0, 4), compact.slice(4));
}

/** The issuing division code ("код подразделения"), normalised to XXX-XXX. */
export function normalizeDivisionCode(raw: string): Validated<string> {
  const match = /^(\d{3})-?(\d{3})$/.exec(raw.trim());
  if (!match) {
    return invalid('INVALID_PASSPORT', 'Код подразделения должен состоять из 6 цифр, например 770-001.');
  }
  return valid(`${match[1]}-${match[2]}`);
}
