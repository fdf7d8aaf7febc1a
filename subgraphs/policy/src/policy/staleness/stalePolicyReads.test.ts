import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openDocumentStore, type DocumentStore } from '@cabinet/platform/documents';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { PolicyNumbers } from '../policyNumbers.ts';
import { PolicyRepository } from '../policyRepository.ts';
import { seedDemoPolicies } from '../seedDemoPolicies.ts';
import { PolicyReadCache } from './policyReadCache.ts';
import { StalePolicyReads, type CachedRead } from './stalePolicyReads.ts';

const HOUR = 3_600_000;

describe('StalePolicyReads over a document store that goes down', () => {
  let dir: string;
  let store: DocumentStore;
  let policies: PolicyRepository;
  let reads: StalePolicyReads;
  let time: number;

  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'stale-policy-reads-'));
    store = await openDocumentStore({ sqliteFile: join(dir, 'documents.sqlite') });
    policies = await PolicyRepository.open(store);
    time = Date.parse('2026-03-10T09:00:00Z');
    await seedDemoPolicies(policies, await PolicyNumbers.open(store), new Date(time));
    const cache = new PolicyReadCache<CachedRead>(
      { customers: 10, entriesPerCustomer: 10, maxStalenessMs: 6 * HOUR },
      () => new Date(time),
    );
    reads = new StalePolicyReads(policies, cache);
  });

  afterEach(async () => {
    await store.close();
    await rm(dir, { recursive: true, force: true });
  });

  const someHolder = async () => {
    const [policy] = await policies.endedBefore('ACTIVE', '2100-01-01', 1);
    if (!policy) throw new Error('the demo registry seeded no active policy');
    return policy;
  };

  it('answers fresh while the store is up, then the last answers marked with when they were read', async () => {
    const policy = await someHolder();
    const query = { holderId: policy.holderId, first: 10 };
    const freshList = await reads.ofHolder(query);
    const freshCard = await reads.get(policy.id);
    expect(freshList.staleSince).toBeNull();
    expect(freshCard).toEqual({ value: policy, staleSince: null });

    time += HOUR;
    await store.close();

    expect(await reads.ofHolder(query)).toEqual({
      value: freshList.value,
      staleSince: new Date('2026-03-10T09:00:00Z'),
    });
    expect(await reads.get(policy.id)).toEqual({
      value: policy,
      staleSince: new Date('2026-03-10T09:00:00Z'),
    });
  });

  it.each([
    { case: 'a page never read', change: { first: 5 }, later: 0 },
    { case: 'a read older than the staleness limit', change: {}, later: 6 * HOUR + 1 },
  ])('fails with the store’s own error for $case', async ({ change, later }) => {
    const policy = await someHolder();
    await reads.ofHolder({ holderId: policy.holderId, first: 10 });
    time += later;
    await store.close();
    await expect(reads.ofHolder({ holderId: policy.holderId, first: 10, ...change })).rejects.toThrow(
      /not open/,
    );
  });

  it('does not remember a card that does not exist', async () => {
    expect(await reads.get('no-such-policy')).toEqual({ value: null, staleSince: null });
    await store.close();
    await expect(reads.get('no-such-policy')).rejects.toThrow(/not open/);
  });
});
