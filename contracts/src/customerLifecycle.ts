/**
 * Identity's published customer lifecycle: what other services may react to, in the shared event
 * store, stream `customer-<customerId>`. A new field is added as optional; anything else is a new
 * version with its own type, so a reader never meets a payload it does not know.
 */
export const CUSTOMER_STREAM_CATEGORY = 'customer';

export function customerStream(customerId: string): string {
  return `${CUSTOMER_STREAM_CATEGORY}-${customerId}`;
}

/**
 * Published when a customer revokes consent: every service stops processing the customer's personal
 * data and destroys it by `erasureDueBy` (claims destroys the customer's data key).
 */
export interface CustomerConsentRevoked {
  readonly customerId: string;
  readonly consentVersion: string;
  readonly revokedAt: string;
  /** When identity erases its own copy. */
  readonly eraseAt: string;
  /** The legal deadline for every service: 30 days after the revocation. */
  readonly erasureDueBy: string;
}

/**
 * Published when a customer who revoked consent accepts it again before identity erased them: the
 * erasure is cancelled, and a service may start keeping the customer's new personal data again (the
 * destroyed data stays destroyed).
 */
export interface CustomerConsentGiven {
  readonly customerId: string;
  readonly consentVersion: string;
  readonly acceptedAt: string;
  /** The revocation this acceptance follows. */
  readonly revokedAt: string;
}

/** Published by identity's erasure job once it destroyed the customer's record. */
export interface CustomerPersonalDataErased {
  readonly customerId: string;
  readonly erasedAt: string;
}

export type CustomerLifecycleEvent =
  | { readonly type: 'CustomerConsentRevoked'; readonly data: CustomerConsentRevoked }
  | { readonly type: 'CustomerConsentGiven'; readonly data: CustomerConsentGiven }
  | { readonly type: 'CustomerPersonalDataErased'; readonly data: CustomerPersonalDataErased };

export type CustomerLifecycleEventType = CustomerLifecycleEvent['type'];

/** The schema version of every customer lifecycle event published today. */
export const CUSTOMER_LIFECYCLE_SCHEMA_VERSION = 1;

const TYPES: ReadonlySet<string> = new Set<CustomerLifecycleEventType>([
  'CustomerConsentRevoked',
  'CustomerConsentGiven',
  'CustomerPersonalDataErased',
]);

/**
 * A stored event read back as the contract's event, or null for anything the contract does not
 * publish (another type, another version, a payload without its customer).
 */
export function customerLifecycleEventOf(recorded: {
  readonly type: string;
  readonly data: unknown;
  readonly metadata: { readonly schemaVersion: number };
}): CustomerLifecycleEvent | null {
  if (!TYPES.has(recorded.type)) return null;
  if (recorded.metadata.schemaVersion !== CUSTOMER_LIFECYCLE_SCHEMA_VERSION) return null;
  const data = recorded.data as { customerId?: unknown } | null;
  if (typeof data !== 'object' || data === null || typeof data.customerId !== 'string') return null;
  return { type: recorded.type, data } as CustomerLifecycleEvent;
}
