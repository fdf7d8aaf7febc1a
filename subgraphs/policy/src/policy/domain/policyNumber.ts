import type { CalendarDate } from '@cabinet/kernel';
import type { Product } from './product.ts';

/**
 * Policy numbers. The sequence always comes from outside (a counter in storage), so these stay pure.
 *
 * ОСАГО: the e-ОСАГО form "ХХХ 0123456789": the series ХХХ (Cyrillic) that electronic policies
 * carry, a space and ten digits. A renewal is a new contract and takes a new number.
 *
 * Other products, our insurer's own format "КАС-25-00001234": a three-letter product code, the
 * two-digit year of issue and an eight-digit sequence. Prolongation keeps the contract and adds
 * "/1", "/2", … for each renewed term, so every term still has a number of its own.
 */
const OSAGO_SERIES = 'ХХХ';
const OSAGO_DIGITS = 10;
const INSURER_DIGITS = 8;

export const POLICY_NUMBER_CODES: Readonly<Record<Exclude<Product, 'OSAGO'>, string>> = {
  KASKO: 'КАС',
  DMS: 'ДМС',
  PROPERTY: 'ИМУ',
  MORTGAGE: 'ИПО',
  TRAVEL: 'ВЗР',
  ACCIDENT: 'НСЛ',
};

const OSAGO_NUMBER = /^ХХХ \d{10}$/;
const INSURER_NUMBER = /^([А-Я]{3})-(\d{2})-(\d{8})(?:\/([1-9]\d*))?$/;

function padSequence(sequence: number, digits: number): string {
  if (!Number.isSafeInteger(sequence) || sequence < 1 || sequence >= 10 ** digits) {
    throw new RangeError(`policy number sequence out of range: ${sequence}`);
  }
  return String(sequence).padStart(digits, '0');
}

export function osagoPolicyNumber(sequence: number): string {
  return `${OSAGO_SERIES} ${padSequence(sequence, OSAGO_DIGITS)}`;
}

export function insurerPolicyNumber(
  product: Exclude<Product, 'OSAGO'>,
  issuedOn: CalendarDate,
  sequence: number,
): string {
  return `${POLICY_NUMBER_CODES[product]}-${issuedOn.slice(2, 4)}-${padSequence(sequence, INSURER_DIGITS)}`;
}

/** The number of a new policy: pass the next value of that product's counter. */
export function newPolicyNumber(product: Product, issuedOn: CalendarDate, sequence: number): string {
  return product === 'OSAGO' ? osagoPolicyNumber(sequence) : insurerPolicyNumber(product, issuedOn, sequence);
}

/** The number of the next term of a prolonged (non-ОСАГО) contract. */
export function prolongedPolicyNumber(number: string): string {
  const match = INSURER_NUMBER.exec(number);
  if (!match) throw new RangeError(`not a prolongable policy number: ${number}`);
  const term = match[4] === undefined ? 0 : Number(match[4]);
  return `${match[1]}-${match[2]}-${match[3]}/${term + 1}`;
}

export function isPolicyNumberOf(product: Product, number: string): boolean {
  if (product === 'OSAGO') return OSAGO_NUMBER.test(number);
  return INSURER_NUMBER.exec(number)?.[1] === POLICY_NUMBER_CODES[product];
}
