/**
 * The number people read and dictate over the phone, `У-2026-000123`: the letter У (Cyrillic, for
 * «убыток»), the year of submission and a six-digit sequence. The sequence is issued outside the domain.
 */
export interface ClaimNumber {
  readonly year: number;
  readonly sequence: number;
}

const MAX_SEQUENCE = 999_999;
// Latin Y and U are accepted when parsing because people retype the number from paper or a screenshot.
const CLAIM_NUMBER = /^[УуYyUu]-(\d{4})-(\d{6})$/;

export function formatClaimNumber({ year, sequence }: ClaimNumber): string {
  if (!Number.isInteger(year) || year < 2000 || year > 9999)
    throw new RangeError(`Claim year out of range: ${year}`);
  if (!Number.isInteger(sequence) || sequence < 1 || sequence > MAX_SEQUENCE) {
    throw new RangeError(`Claim sequence out of range: ${sequence}`);
  }
  return `У-${year}-${String(sequence).padStart(6, '0')}`;
}

/** The number's parts, or null when the text is not a claim number. */
export function parseClaimNumber(text: string): ClaimNumber | null {
  const match = CLAIM_NUMBER.exec(text.trim());
  if (match === null) return null;
  const year = Number(match[1]);
  const sequence = Number(match[2]);
  if (year < 2000 || sequence < 1) return null;
  return { year, sequence };
}
