import { randomUUID } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Registry } from 'prom-client';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { sample } from '../testing/prometheus.ts';
import { createEventStoreMetrics } from '../metrics/eventStoreMetrics.ts';
import { registerMetricGroups } from '../metrics/deferredRegistration.ts';
import { instrumentEventStore } from './instrumentedEventStore.ts';
import { WrongExpectedRevision, type EventStore, type NewEvent } from './port.ts';
import { SqliteEventStore } from './sqlite/sqliteEventStore.ts';

const event = (): NewEvent => ({
  id: randomUUID(),
  type: 'ThingHappened',
  data: { n: 1 },
  metadata: { schemaVersion: 1, actor: 'system:test', correlationId: randomUUID(), causationId: null },
});

const valueOf = async (registry: Registry, name: string, labels: Record<string, string> = {}) =>
  sample(await registry.metrics(), name, labels);

describe('an instrumented event store', () => {
  let dir: string;
  let inner: SqliteEventStore;
  let events: EventStore;
  let registry: Registry;

  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'instrumented-events-'));
    inner = new SqliteEventStore({ file: join(dir, 'events.sqlite') });
    const metrics = createEventStoreMetrics();
    registry = new Registry();
    registerMetricGroups(registry, [metrics]);
    events = instrumentEventStore(inner, metrics);
  });
  afterEach(async () => {
    await events.close();
    await rm(dir, { recursive: true, force: true });
  });

  it('starts every outcome at zero, so a rate over a fresh process is defined', async () => {
    for (const outcome of ['ok', 'conflict', 'error']) {
      expect(await valueOf(registry, 'eventstore_appends_total', { outcome })).toBe(0);
    }
  });

  it('counts appends by outcome, the events written, and observes the duration of each', async () => {
    // Given two successful appends, one with a wrong expected revision and one to a closed store
    await events.append('thing-1', [event(), event()], { expectedRevision: 'no_stream' });
    await events.append('thing-1', [event()], { expectedRevision: 1n });
    await expect(
      events.append('thing-1', [event()], { expectedRevision: 'no_stream' }),
    ).rejects.toBeInstanceOf(WrongExpectedRevision);
    await inner.close();
    await expect(events.append('thing-2', [event()], { expectedRevision: 'any' })).rejects.toThrow(
      'event store is closed',
    );

    // Then
    expect(await valueOf(registry, 'eventstore_appends_total', { outcome: 'ok' })).toBe(2);
    expect(await valueOf(registry, 'eventstore_appends_total', { outcome: 'conflict' })).toBe(1);
    expect(await valueOf(registry, 'eventstore_appends_total', { outcome: 'error' })).toBe(1);
    expect(await valueOf(registry, 'eventstore_appended_events_total')).toBe(3);
    expect(await valueOf(registry, 'eventstore_append_duration_seconds_count')).toBe(4);
  });

  it('passes reads through unchanged', async () => {
    const appended = await events.append('thing-1', [event()], { expectedRevision: 'no_stream' });
    const [recorded] = await events.read('thing-1');
    expect(recorded?.position).toBe(appended.position);
    expect((await events.readAll({ maxCount: 10 })).map((e) => e.position)).toEqual([appended.position]);
  });
});
