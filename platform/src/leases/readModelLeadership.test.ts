import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { StaleFence, type DocumentStore } from '../documents/port.ts';
import { SqliteDocumentStore } from '../documents/sqlite/sqliteDocumentStore.ts';
import { createLogger } from '../logging/logger.ts';
import { acquireLease } from './exclusiveLease.ts';
import { leadReadModels, type ReadModelLeadership } from './readModelLeadership.ts';

const READ_MODELS = { lease: 'things-read-models', service: 'the things service' };
const TIMING = { ttlMs: 30_000, renewEveryMs: 20 };
const T0 = new Date('2026-11-25T10:00:00Z');
const log = createLogger('leadership-test', 'silent');

/** One instance's leadership, telling when it starts leading (with its fenced store) and when it stops. */
function instance(documents: DocumentStore, now: () => Date) {
  let led: (lead: { fenced: DocumentStore; token: number }) => void = () => undefined;
  let stopped: () => void = () => undefined;
  const leads = new Promise<{ fenced: DocumentStore; token: number }>((resolve) => (led = resolve));
  const stops = new Promise<void>((resolve) => (stopped = resolve));
  const leadership = leadReadModels({
    documents,
    readModels: READ_MODELS,
    now,
    log,
    timing: TIMING,
    lead: (fenced, token) => {
      led({ fenced, token });
      return Promise.resolve({ up: true, stop: () => Promise.resolve(stopped()) });
    },
  });
  return { leadership, leads, stops };
}

describe('read model leadership', () => {
  let dir: string;
  let documents: DocumentStore;
  const running: Promise<ReadModelLeadership>[] = [];

  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'leadership-'));
    documents = new SqliteDocumentStore({ file: join(dir, 'documents.sqlite') });
  });
  afterEach(async () => {
    for (const leadership of running.splice(0)) await (await leadership).stop();
    await documents.close();
    await rm(dir, { recursive: true, force: true });
  });

  it('lets one instance lead while another stands by, and hands over when the leader stops', async () => {
    const first = instance(documents, () => T0);
    running.push(first.leadership);
    expect((await first.leads).token).toBe(1);
    const second = instance(documents, () => T0);
    running.push(second.leadership);
    expect((await second.leadership).token).toBeUndefined();

    await (await first.leadership).stop();

    expect((await second.leads).token).toBe(2);
    expect((await second.leadership).token).toBe(2);
  });

  it('takes over from a leader that stopped renewing once its lease lapsed; the old leader stops and its writes are refused', async () => {
    // Given a leader whose clock stands still, so its renewals never reach past T0 + ttl
    const first = instance(documents, () => T0);
    running.push(first.leadership);
    const old = await first.leads;
    const things = { name: 'things', indexes: [] };
    await (await old.fenced.collection(things)).upsertIfNewer('a', { n: 1 }, 1);

    // When another instance looks after the lease lapsed
    const second = instance(documents, () => new Date(T0.getTime() + TIMING.ttlMs + 1));
    running.push(second.leadership);
    const successor = await second.leads;
    await (await successor.fenced.collection(things)).upsertIfNewer('a', { n: 2 }, 2);

    // Then it leads with a greater token, the old leader stops, and what it still writes is refused
    expect(successor.token).toBe(2);
    await first.stops;
    expect((await first.leadership).token).toBeUndefined();
    await expect(
      (await old.fenced.collection(things)).upsertIfNewer('a', { n: 3 }, 3),
    ).rejects.toBeInstanceOf(StaleFence);
  });

  it('refuses to start while a rebuild holds the read models', async () => {
    await acquireLease(documents, READ_MODELS.lease, { holder: 'a rebuild', ttlMs: 60_000, now: () => T0 });

    await expect(instance(documents, () => T0).leadership).rejects.toThrow(
      'the read models are being rebuilt by a rebuild',
    );
  });
});
