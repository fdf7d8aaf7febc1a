import { DomainError } from '@cabinet/kernel';

/**
 * A VIN is 17 characters of A–Z and 0–9 without I, O and Q (ISO 3779), so they cannot be confused
 * with 1 and 0. The check digit in position 9 is a North American rule that vehicles sold in Russia
 * often do not follow, so it is not checked.
 */
const VIN = /^[A-HJ-NPR-Z0-9]{17}$/;

export function normalizeVin(raw: string): string {
  return raw.trim().toUpperCase();
}

export function isValidVin(raw: string): boolean {
  return VIN.test(normalizeVin(raw));
}

export function parseVin(raw: string): string {
  const vin = normalizeVin(raw);
  if (!VIN.test(vin)) {
    throw new DomainError(
      'INVALID_VIN',
      'VIN указан неверно: нужно 17 латинских букв и цифр без I, O и Q, как в СТС или ПТС.',
      { field: 'vin' },
    );
  }
  return vin;
}

/**
 * Russian registration plates of type 1 (ГОСТ Р 50577, passenger cars): a letter, three digits
 * (not 000), two letters and a region code of two digits or of three starting with 1, 7 or 9. Only
 * the 12 Cyrillic letters that look like Latin ones are issued; people often type the Latin twins,
 * so those are read as the Cyrillic letter they look like.
 */
const PLATE_LETTERS = 'АВЕКМНОРСТУХ';
const LATIN_TWINS: Readonly<Record<string, string>> = {
  A: 'А',
  B: 'В',
  E: 'Е',
  K: 'К',
  M: 'М',
  H: 'Н',
  O: 'О',
  P: 'Р',
  C: 'С',
  T: 'Т',
  Y: 'У',
  X: 'Х',
};
const PLATE = new RegExp(`^([${PLATE_LETTERS}])(\\d{3})([${PLATE_LETTERS}]{2})(\\d{2}|[179]\\d{2})$`);

export function normalizePlate(raw: string): string {
  return [...raw.toUpperCase().replace(/[\s-]+/g, '')].map((char) => LATIN_TWINS[char] ?? char).join('');
}

function plateParts(raw: string): RegExpExecArray | null {
  const match = PLATE.exec(normalizePlate(raw));
  if (!match || match[2] === '000' || match[4] === '00') return null;
  return match;
}

export function isValidPlate(raw: string): boolean {
  return plateParts(raw) !== null;
}

/** The plate in its canonical form, e.g. "А123ВС777"; how it is spaced on screen is a view concern. */
export function parsePlate(raw: string): string {
  const match = plateParts(raw);
  if (!match) {
    throw new DomainError(
      'INVALID_PLATE',
      'Госномер указан неверно: нужен формат А123ВС77 или А123ВС777 (буквы А, В, Е, К, М, Н, О, Р, С, Т, У, Х).',
      { field: 'plate' },
    );
  }
  return match[0];
}
