/**
 * Ciphertext of a customer's personal data, sealed outside the domain with the customer's key;
 * `keyId` names the generation of that key that opens it. Domains keep it in their events, the
 * platform's key vault makes and opens it.
 */
export interface SealedPersonalData {
  readonly sealed: string;
  readonly keyId: string;
}
