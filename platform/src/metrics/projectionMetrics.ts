import { Counter, Gauge } from 'prom-client';
import type { RecordedEvent } from '../eventstore/port.ts';
import type { ProjectionMonitor } from '../projections/projectionRunner.ts';
import type { MetricGroup } from './deferredRegistration.ts';
import type { SubscriptionDeliveryMetrics } from './subscriptionDeliveryMetrics.ts';

/** Events behind are counted up to this many: enough to tell "a few" from "rebuilding", cheap to read. */
const LAG_COUNT_LIMIT = 1_000;

export interface ProjectionMetrics extends ProjectionMonitor, MetricGroup {}

interface Lag {
  readonly events: number;
  readonly seconds: number;
}

/** A store that cannot answer shows the lag as NaN for this scrape instead of failing the whole page. */
const UNKNOWN: Lag = { events: Number.NaN, seconds: Number.NaN };

/**
 * Both lag gauges are fed by one store read: prom-client collects every series of a scrape at once,
 * so the second gauge joins the read the first one started instead of asking again.
 */
function sharedWhileRunning<T>(read: () => Promise<T>): () => Promise<T> {
  let running: Promise<T> | undefined;
  return () => {
    running ??= read().finally(() => {
      running = undefined;
    });
    return running;
  };
}

/**
 * How far each running projection is behind the log. Positions are opaque in the event store port,
 * so lag is read at scrape time from the events the projection has not applied yet: how many (up to
 * LAG_COUNT_LIMIT) and how long the oldest of them has waited (0 when caught up).
 */
export function createProjectionMetrics(
  now: () => Date,
  delivery: SubscriptionDeliveryMetrics,
): ProjectionMetrics {
  const watched = new Map<string, () => Promise<Lag>>();
  const collectLag = async (gauge: Gauge, pick: (lag: Lag) => number) => {
    await Promise.all(
      [...watched].map(async ([projection, read]) => {
        gauge.set({ projection }, pick(await read().catch(() => UNKNOWN)));
      }),
    );
  };
  const lagEvents = new Gauge({
    name: 'projection_lag_events',
    help: `Events in the projection's categories not applied yet (counted up to ${LAG_COUNT_LIMIT})`,
    labelNames: ['projection'],
    registers: [],
    collect() {
      return collectLag(this, (lag) => lag.events);
    },
  });
  const lagSeconds = new Gauge({
    name: 'projection_lag_seconds',
    help: 'How long the oldest event the projection has not applied yet was recorded ago; 0 when caught up',
    labelNames: ['projection'],
    registers: [],
    collect() {
      return collectLag(this, (lag) => lag.seconds);
    },
  });
  const lastApplied = new Gauge({
    name: 'projection_last_applied_timestamp_seconds',
    help: 'When the last event the projection applied was recorded (Unix time)',
    labelNames: ['projection'],
    registers: [],
  });
  const applied = new Counter({
    name: 'projection_events_applied_total',
    help: 'Events the projection applied',
    labelNames: ['projection'],
    registers: [],
  });

  const up = new Gauge({
    name: 'projection_up',
    help: 'Whether the projection runs and has caught up (1), or is down after a failure, restarting (0)',
    labelNames: ['projection'],
    registers: [],
  });
  const failures = new Counter({
    name: 'projection_failures_total',
    help: 'Runs of the projection that failed (each is restarted after a backoff)',
    labelNames: ['projection'],
    registers: [],
  });

  return {
    series: [lagEvents, lagSeconds, lastApplied, applied, up, failures],
    watch(projection, unapplied) {
      applied.inc({ projection }, 0);
      watched.set(
        projection,
        sharedWhileRunning(async () => {
          const behind = await unapplied(LAG_COUNT_LIMIT);
          const oldest = behind[0];
          const seconds = oldest ? Math.max(0, now().getTime() - oldest.recordedAt.getTime()) / 1_000 : 0;
          return { events: behind.length, seconds };
        }),
      );
      return () => {
        watched.delete(projection);
        for (const gauge of [lagEvents, lagSeconds]) gauge.remove({ projection });
      };
    },
    applied(projection: string, event: RecordedEvent, live: boolean) {
      applied.inc({ projection });
      lastApplied.set({ projection }, event.recordedAt.getTime() / 1_000);
      if (live) delivery.delivered(projection, event);
    },
    state(projection, state) {
      failures.inc({ projection }, state === 'down' ? 1 : 0);
      if (state === 'stopped') up.remove({ projection });
      else up.set({ projection }, state === 'up' ? 1 : 0);
    },
  };
}
