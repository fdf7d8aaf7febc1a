import { randomUUID } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Registry } from 'prom-client';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { SqliteDocumentStore } from '../documents/sqlite/sqliteDocumentStore.ts';
import {
  EventStoreUnavailable,
  type EventStore,
  type NewEvent,
  type RecordedEvent,
  type SubscribeOptions,
  type SubscriptionMessage,
} from '../eventstore/port.ts';
import { SqliteEventStore } from '../eventstore/sqlite/sqliteEventStore.ts';
import { createLogger } from '../logging/logger.ts';
import { registerMetricGroups } from '../metrics/deferredRegistration.ts';
import { createStoreMetrics } from '../metrics/storeMetrics.ts';
import { sample } from '../testing/prometheus.ts';
import { runProjection } from './projectionSupervisor.ts';

const log = createLogger('supervisor-test', 'silent');
const event = (): NewEvent => ({
  id: randomUUID(),
  type: 'ThingHappened',
  data: {},
  metadata: { schemaVersion: 1, actor: 'system:test', correlationId: randomUUID(), causationId: null },
});

/**
 * The store's subscriptions, which `kill()` breaks as a lost connection does: until `revive()`, every
 * new one fails at once too, as while the server is away.
 */
function killableSubscriptions(store: EventStore) {
  const live = new Set<() => void>();
  let opened = 0;
  let away = false;
  const killable: EventStore = Object.assign(Object.create(store) as EventStore, {
    async *subscribe(options: SubscribeOptions = {}): AsyncGenerator<SubscriptionMessage> {
      opened += 1;
      if (away) throw new EventStoreUnavailable('subscribe');
      const own = new AbortController();
      let killed = false;
      const kill = () => {
        killed = true;
        own.abort();
      };
      live.add(kill);
      options.signal?.addEventListener('abort', () => own.abort(), { once: true });
      try {
        yield* store.subscribe({ ...options, signal: own.signal });
        if (killed) throw new EventStoreUnavailable('subscribe');
      } finally {
        live.delete(kill);
      }
    },
  });
  return {
    store: killable,
    get opened() {
      return opened;
    },
    kill: () => {
      away = true;
      for (const kill of [...live]) kill();
    },
    revive: () => {
      away = false;
    },
  };
}

describe('projection supervisor', () => {
  let dir: string;
  let events: SqliteEventStore;
  let documents: SqliteDocumentStore;
  let registry: Registry;
  let metrics: ReturnType<typeof createStoreMetrics>;
  const scrape = async (name: string) => sample(await registry.metrics(), name, { projection: 'things' });

  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'projection-supervisor-'));
    events = new SqliteEventStore({ file: join(dir, 'events.sqlite') });
    documents = new SqliteDocumentStore({ file: join(dir, 'documents.sqlite') });
    metrics = createStoreMetrics(() => new Date('2025-03-01T10:00:00.000Z'));
    registry = new Registry();
    registerMetricGroups(registry, [metrics]);
  });
  afterEach(async () => {
    await events.close();
    await documents.close();
    await rm(dir, { recursive: true, force: true });
  });

  it('restarts a projection whose subscription was killed, reports it down meanwhile, and loses nothing', async () => {
    // Given a supervised projection that has caught up
    const subscriptions = killableSubscriptions(events);
    const applied: RecordedEvent[] = [];
    const running = await runProjection(
      {
        name: 'things',
        categories: ['thing'],
        apply: (recorded) => {
          applied.push(recorded);
          return Promise.resolve();
        },
        reset: async () => {},
      },
      subscriptions.store,
      documents,
      log,
      metrics.projections,
      { firstMs: 10, maxMs: 50 },
    );
    await events.append('thing-1', [event()], { expectedRevision: 'no_stream' });
    await running.caughtUp();
    expect(running.up).toBe(true);
    expect(await scrape('projection_up')).toBe(1);

    // When its subscription is killed and the store stays away
    subscriptions.kill();

    // Then it is down, and says so
    await vi.waitFor(() => expect(running.up).toBe(false), { timeout: 10_000 });
    expect(await scrape('projection_up')).toBe(0);

    // When events are recorded meanwhile and the store comes back
    await events.append('thing-1', [event(), event()], { expectedRevision: 0n });
    subscriptions.revive();

    // Then it comes back by itself, from its checkpoint, with every event applied once
    await running.caughtUp();
    expect(running.up).toBe(true);
    expect(await scrape('projection_up')).toBe(1);
    expect(await scrape('projection_failures_total')).toBeGreaterThanOrEqual(1);
    expect(subscriptions.opened).toBeGreaterThanOrEqual(2);
    expect(new Set(applied.map((recorded) => recorded.id)).size).toBe(3);

    await running.stop();
    expect(await scrape('projection_up')).toBeUndefined();
  });
});
