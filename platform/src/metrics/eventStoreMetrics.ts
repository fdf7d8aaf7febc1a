import { Counter, Histogram } from 'prom-client';
import type { MetricGroup } from './deferredRegistration.ts';

export type AppendOutcome = 'ok' | 'conflict' | 'error';

const APPEND_BUCKETS_SECONDS = [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5];

export interface EventStoreMetrics extends MetricGroup {
  /** One append call ended: `conflict` is a wrong expected revision, `error` anything else. */
  appended(outcome: AppendOutcome, events: number, seconds: number): void;
}

/** Append counts, outcomes and latency of one process's event store, whichever adapter it uses. */
export function createEventStoreMetrics(): EventStoreMetrics {
  const appends = new Counter({
    name: 'eventstore_appends_total',
    help: 'Appends to the event store, by outcome (ok, conflict: wrong expected revision, error)',
    labelNames: ['outcome'],
    registers: [],
  });
  const appendedEvents = new Counter({
    name: 'eventstore_appended_events_total',
    help: 'Events in successful appends (an idempotent repeat of an append counts again)',
    registers: [],
  });
  const duration = new Histogram({
    name: 'eventstore_append_duration_seconds',
    help: 'Time an append took, from the call to its result or error',
    buckets: APPEND_BUCKETS_SECONDS,
    registers: [],
  });
  for (const outcome of ['ok', 'conflict', 'error'] satisfies AppendOutcome[]) appends.inc({ outcome }, 0);
  return {
    series: [appends, appendedEvents, duration],
    appended(outcome, events, seconds) {
      appends.inc({ outcome });
      if (outcome === 'ok') appendedEvents.inc(events);
      duration.observe(seconds);
    },
  };
}
