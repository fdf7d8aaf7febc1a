import { randomUUID } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Registry } from 'prom-client';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { sample } from '../testing/prometheus.ts';
import type { DocumentStore } from '../documents/port.ts';
import { SqliteDocumentStore } from '../documents/sqlite/sqliteDocumentStore.ts';
import type { NewEvent, RecordedEvent } from '../eventstore/port.ts';
import { SqliteEventStore } from '../eventstore/sqlite/sqliteEventStore.ts';
import { createLogger } from '../logging/logger.ts';
import { registerMetricGroups } from '../metrics/deferredRegistration.ts';
import { createStoreMetrics } from '../metrics/storeMetrics.ts';
import type { Projection } from './projectionRunner.ts';
import { runProjection } from './projectionSupervisor.ts';

const log = createLogger('projection-test', 'silent');
const RECORDED = new Date('2025-03-01T10:00:00.000Z');
const SCRAPED = new Date('2025-03-01T10:00:05.000Z');
const labels = { projection: 'things' };

const event = (): NewEvent => ({
  id: randomUUID(),
  type: 'ThingHappened',
  data: {},
  metadata: { schemaVersion: 1, actor: 'system:test', correlationId: randomUUID(), causationId: null },
});

/** A projection of the `thing` category whose `apply` waits while the gate is closed. */
function gatedProjection() {
  const applied: RecordedEvent[] = [];
  let open: () => void = () => undefined;
  let gate = Promise.resolve();
  let entered: () => void = () => undefined;
  const waiting = new Promise<void>((resolve) => (entered = resolve));
  const projection: Projection = {
    name: 'things',
    categories: ['thing'],
    async apply(recorded) {
      entered();
      await gate;
      applied.push(recorded);
    },
    async reset() {},
  };
  return {
    projection,
    applied,
    /** Resolves once an event waits at the closed gate. */
    waiting,
    close() {
      gate = new Promise((resolve) => (open = resolve));
    },
    open: () => open(),
  };
}

describe('projection lag metrics', () => {
  let dir: string;
  let events: SqliteEventStore;
  let documents: DocumentStore;
  let registry: Registry;
  let metrics: ReturnType<typeof createStoreMetrics>;
  const scrape = async (name: string, extra: Record<string, string> = labels) =>
    sample(await registry.metrics(), name, extra);

  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'projection-lag-'));
    events = new SqliteEventStore({ file: join(dir, 'events.sqlite'), now: () => RECORDED });
    documents = new SqliteDocumentStore({ file: join(dir, 'documents.sqlite') });
    metrics = createStoreMetrics(() => SCRAPED);
    registry = new Registry();
    registerMetricGroups(registry, [metrics]);
  });
  afterEach(async () => {
    await events.close();
    await documents.close();
    await rm(dir, { recursive: true, force: true });
  });

  it('a projection behind the head of the log reports its lag, and 0 once it has caught up', async () => {
    // Given a running projection, caught up with an empty log, that stops at its next event
    const things = gatedProjection();
    const running = await runProjection(things.projection, events, documents, log, metrics.projections);
    expect(await scrape('projection_lag_events')).toBe(0);
    expect(await scrape('projection_lag_seconds')).toBe(0);
    things.close();

    // When three events of its category and one of another are recorded
    await events.append('thing-1', [event(), event(), event()], { expectedRevision: 'no_stream' });
    await events.append('other-1', [event()], { expectedRevision: 'no_stream' });
    await things.waiting;

    // Then it is three events behind, the oldest recorded five seconds before the scrape
    expect(await scrape('projection_lag_events')).toBe(3);
    expect(await scrape('projection_lag_seconds')).toBe(5);
    expect(await scrape('projection_events_applied_total')).toBe(0);

    // When it may go on
    things.open();
    await running.caughtUp();

    // Then it is no longer behind, and each live event was delivered five seconds after it was recorded
    expect(things.applied).toHaveLength(3);
    expect(await scrape('projection_lag_events')).toBe(0);
    expect(await scrape('projection_lag_seconds')).toBe(0);
    expect(await scrape('projection_events_applied_total')).toBe(3);
    expect(await scrape('projection_last_applied_timestamp_seconds')).toBe(RECORDED.getTime() / 1_000);
    const subscriber = { subscriber: 'things' };
    expect(await scrape('eventstore_subscription_delivery_lag_seconds_count', subscriber)).toBe(3);
    expect(await scrape('eventstore_subscription_delivery_lag_seconds_sum', subscriber)).toBe(15);

    // And a stopped projection leaves no lag behind
    await running.stop();
    expect(await scrape('projection_lag_events')).toBeUndefined();
    expect(await scrape('projection_lag_seconds')).toBeUndefined();
  });

  it('events applied while catching up are counted, but not as live deliveries', async () => {
    // Given two events recorded before the projection starts
    await events.append('thing-1', [event(), event()], { expectedRevision: 'no_stream' });

    // When it starts and catches up
    const things = gatedProjection();
    const running = await runProjection(things.projection, events, documents, log, metrics.projections);

    // Then
    expect(await scrape('projection_events_applied_total')).toBe(2);
    expect(await scrape('projection_lag_events')).toBe(0);
    expect(
      await scrape('eventstore_subscription_delivery_lag_seconds_count', { subscriber: 'things' }),
    ).toBeUndefined();
    await running.stop();
  });
});
