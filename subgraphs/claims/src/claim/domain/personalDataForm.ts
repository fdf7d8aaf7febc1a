import type { SealedPersonalData } from '@cabinet/kernel';

/**
 * Every claim event keeps the customer's personal data (contacts, free texts, file names, the incident
 * place) in one `personal` sub-object, so the wiring can encrypt it with the customer's key and a
 * destroyed key erases it without rewriting the log. The decider and `evolve` never read it.
 */
export type PersonalData<Plain> = Plain | SealedPersonalData | ErasedPersonalData;

export type { SealedPersonalData };

/** What remains once the key is gone or the data was removed for a reader without the right to see it. */
export interface ErasedPersonalData {
  readonly erased: true;
}

export const ERASED_PERSONAL_DATA: ErasedPersonalData = Object.freeze({ erased: true });

export function isSealedPersonalData(value: PersonalData<object>): value is SealedPersonalData {
  return 'sealed' in value && 'keyId' in value;
}

export function isErasedPersonalData(value: PersonalData<object>): value is ErasedPersonalData {
  return 'erased' in value && value.erased === true;
}

export function plainPersonalData<Plain extends object>(value: PersonalData<Plain>): Plain | null {
  return isSealedPersonalData(value) || isErasedPersonalData(value) ? null : value;
}
