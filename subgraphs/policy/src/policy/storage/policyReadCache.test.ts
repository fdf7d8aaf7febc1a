import { describe, expect, it } from 'vitest';
import { PolicyReadCache, type PolicyReadCacheLimits } from './policyReadCache.ts';

const HOUR = 3_600_000;

function cacheAt(limits: Partial<PolicyReadCacheLimits> = {}) {
  let time = Date.parse('2026-03-01T09:00:00Z');
  const cache = new PolicyReadCache<string>(
    { customers: 3, entriesPerCustomer: 2, maxStalenessMs: 6 * HOUR, ...limits },
    () => new Date(time),
  );
  return { cache, advance: (ms: number) => (time += ms) };
}

describe('PolicyReadCache', () => {
  it.each([
    { age: 0, served: true },
    { age: 6 * HOUR, served: true },
    { age: 6 * HOUR + 1, served: false },
  ])('serves an answer read $age ms ago: $served', ({ age, served }) => {
    const { cache, advance } = cacheAt();
    cache.remember('anna', 'list', 'policies of anna');
    advance(age);
    expect(cache.recall('anna', 'list')?.value ?? null).toBe(served ? 'policies of anna' : null);
  });

  it('tells when the answer was read', () => {
    const { cache, advance } = cacheAt();
    cache.remember('anna', 'card:1', 'card');
    advance(HOUR);
    expect(cache.recall('anna', 'card:1')?.readAt.toISOString()).toBe('2026-03-01T09:00:00.000Z');
  });

  it('keeps answers apart per customer and finds a card by key whoever it was read for', () => {
    const { cache } = cacheAt();
    cache.remember('anna', 'card:1', 'anna’s card');
    expect(cache.recall('boris', 'card:1')).toBeNull();
    expect(cache.recallAnywhere('card:1')?.value).toBe('anna’s card');
    expect(cache.recallAnywhere('card:2')).toBeNull();
  });

  it('forgets the customer read least recently beyond the customer limit', () => {
    const { cache } = cacheAt();
    for (const customer of ['anna', 'boris', 'vera']) cache.remember(customer, 'list', customer);
    cache.recall('anna', 'list');
    cache.remember('gleb', 'list', 'gleb');
    expect(['anna', 'boris', 'vera', 'gleb'].map((c) => cache.recall(c, 'list')?.value ?? null)).toEqual([
      'anna',
      null,
      'vera',
      'gleb',
    ]);
  });

  it('forgets a customer’s answer read least recently beyond the per-customer limit', () => {
    const { cache } = cacheAt();
    cache.remember('anna', 'card:1', 'one');
    cache.remember('anna', 'card:2', 'two');
    cache.recall('anna', 'card:1');
    cache.remember('anna', 'card:3', 'three');
    expect(['card:1', 'card:2', 'card:3'].map((key) => cache.recall('anna', key)?.value ?? null)).toEqual([
      'one',
      null,
      'three',
    ]);
  });

  it('keeps nothing when its limits are zero', () => {
    const { cache } = cacheAt({ customers: 0 });
    cache.remember('anna', 'list', 'x');
    expect(cache.recall('anna', 'list')).toBeNull();
  });
});
