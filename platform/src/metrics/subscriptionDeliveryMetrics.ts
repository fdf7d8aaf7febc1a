import { Histogram } from 'prom-client';
import type { RecordedEvent } from '../eventstore/port.ts';
import type { MetricGroup } from './deferredRegistration.ts';

const DELIVERY_BUCKETS_SECONDS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 300];

export interface SubscriptionDeliveryMetrics extends MetricGroup {
  /** A live event reached `subscriber` (a projection, a hub) now. */
  delivered(subscriber: string, event: RecordedEvent): void;
}

/**
 * How long live events take from being recorded to reaching a catch-up subscriber that handles them.
 * Subscribers are named in code, so the label stays bounded.
 */
export function createSubscriptionDeliveryMetrics(now: () => Date): SubscriptionDeliveryMetrics {
  const lag = new Histogram({
    name: 'eventstore_subscription_delivery_lag_seconds',
    help: 'Time from an event being recorded to a live subscriber handling it, by subscriber',
    labelNames: ['subscriber'],
    buckets: DELIVERY_BUCKETS_SECONDS,
    registers: [],
  });
  return {
    series: [lag],
    delivered(subscriber, event) {
      // The recording clock may be another machine's (EventStoreDB): a skew never shows as negative lag.
      lag.observe({ subscriber }, Math.max(0, now().getTime() - event.recordedAt.getTime()) / 1_000);
    },
  };
}
