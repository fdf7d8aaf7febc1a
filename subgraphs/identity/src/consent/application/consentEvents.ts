import {
  CUSTOMER_LIFECYCLE_SCHEMA_VERSION,
  customerStream,
  type CustomerLifecycleEvent,
} from '@cabinet/contracts';
import { eventMetadata, type EventCause, type EventStore } from '@cabinet/platform/eventstore';

/** Publishes one event of the customer lifecycle contract (@cabinet/contracts) to other services. */
export async function publishCustomerEvent(
  events: EventStore,
  event: CustomerLifecycleEvent,
  meta: { id: string; actor: string; cause: EventCause },
): Promise<void> {
  await events.append(
    customerStream(event.data.customerId),
    [
      {
        id: meta.id,
        type: event.type,
        data: event.data,
        metadata: eventMetadata(CUSTOMER_LIFECYCLE_SCHEMA_VERSION, meta.actor, meta.cause),
      },
    ],
    { expectedRevision: 'any' },
  );
}
