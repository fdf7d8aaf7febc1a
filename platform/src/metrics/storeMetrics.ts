import type { MetricGroup } from './deferredRegistration.ts';
import { createEventStoreMetrics, type EventStoreMetrics } from './eventStoreMetrics.ts';
import { createProjectionMetrics, type ProjectionMetrics } from './projectionMetrics.ts';
import {
  createSubscriptionDeliveryMetrics,
  type SubscriptionDeliveryMetrics,
} from './subscriptionDeliveryMetrics.ts';

/** The event-store side of a service's metrics: appends, projections, live subscribers. */
export interface StoreMetrics extends MetricGroup {
  readonly eventStore: EventStoreMetrics;
  readonly projections: ProjectionMetrics;
  readonly subscriptions: SubscriptionDeliveryMetrics;
}

export function createStoreMetrics(now: () => Date): StoreMetrics {
  const eventStore = createEventStoreMetrics();
  const subscriptions = createSubscriptionDeliveryMetrics(now);
  const projections = createProjectionMetrics(now, subscriptions);
  return {
    eventStore,
    projections,
    subscriptions,
    series: [eventStore, projections, subscriptions].flatMap((group) => group.series),
  };
}
