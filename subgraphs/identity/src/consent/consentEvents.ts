import type { EventStore } from '@cabinet/platform/eventstore';

/** Other services' view of a customer's lifecycle: the shared event store, stream `customer-<id>`. */
export const customerStream = (customerId: string) => `customer-${customerId}`;

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
 * erasure is cancelled, and claims lets the customer's own next action start a new data key (the
 * destroyed one stays destroyed).
 */
export interface CustomerConsentGiven {
  readonly customerId: string;
  readonly consentVersion: string;
  readonly acceptedAt: string;
  /** The revocation this acceptance follows. */
  readonly revokedAt: string;
}

/** Published by the erasure job once identity destroyed the customer's record. */
export interface CustomerPersonalDataErased {
  readonly customerId: string;
  readonly erasedAt: string;
}

export type CustomerEvent =
  | { readonly type: 'CustomerConsentRevoked'; readonly data: CustomerConsentRevoked }
  | { readonly type: 'CustomerConsentGiven'; readonly data: CustomerConsentGiven }
  | { readonly type: 'CustomerPersonalDataErased'; readonly data: CustomerPersonalDataErased };

export async function publishCustomerEvent(
  events: EventStore,
  event: CustomerEvent,
  meta: { id: string; actor: string; correlationId: string },
): Promise<void> {
  await events.append(
    customerStream(event.data.customerId),
    [
      {
        id: meta.id,
        type: event.type,
        data: event.data,
        metadata: {
          schemaVersion: 1,
          actor: meta.actor,
          correlationId: meta.correlationId,
          causationId: null,
        },
      },
    ],
    { expectedRevision: 'any' },
  );
}
