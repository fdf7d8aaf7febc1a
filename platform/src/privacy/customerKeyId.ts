/**
 * The id of one generation of a customer's key, carried by every value sealed with it. The first
 * generation is the bare customer id, as every value sealed before generations existed says; a key
 * made after a re-consent is `<customerId>#<generation>`.
 */
export function customerKeyId(customerId: string, generation: number): string {
  return generation === 1 ? customerId : `${customerId}#${generation}`;
}
