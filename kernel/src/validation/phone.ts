import { invalid, valid, type Validated } from './result.ts';

const wrongPhone = () =>
  invalid('INVALID_PHONE', 'Номер телефона должен быть российским: +7 и 10 цифр, например +7 912 345-67-89.');

/**
 * Normalises a Russian phone number as people and ESIA write it ("8 (912) 345-67-89",
 * "+7(000)0000006", "9123456789") to +7XXXXXXXXXX.
 */
export function normalizePhone(raw: string): Validated<string> {
  const trimmed = raw.trim();
  if (!/^\+?[\d\s()-]+$/.test(trimmed)) return wrongPhone();
  const digits = trimmed.replace(/\D/g, '');
  if (trimmed.startsWith('+') && !digits.startsWith('7')) return wrongPhone();
  if (
    digits.length === 11 &&
    (digits.startsWith('7') || (digits.startsWith('8') && !trimmed.startsWith('+')))
  ) {
    return valid(`+7${digits.slice(1)}`);
  }
  if (digits.length === 10 && digits.startsWith('9') && !trimmed.startsWith('+')) return valid(`+7${digits}`);
  return wrongPhone();
}

export function isMobilePhone(normalized: string): boolean {
  return /^\+79\d{9}$/.test(normalized);
}
