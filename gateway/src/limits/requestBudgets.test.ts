import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { MongoClient } from 'mongodb';
import { RequestBudgets } from './requestBudgets.ts';

const perMinute = { anonymous: 3, customer: 5, staff: 5, partner: 5, ip: 1_000 };

describe('RequestBudgets in memory', () => {
  beforeEach(() => {
    vi.useFakeTimers({
      now: new Date('2026-04-13T09:00:00.000Z'),
      toFake: ['setTimeout', 'clearTimeout', 'Date'],
    });
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it('allows a burst of a minute’s requests, refuses the next with the seconds until one more, and refills at that rate', async () => {
    const budgets = RequestBudgets.inMemory(perMinute);
    const taken = [];
    for (let index = 0; index < 3; index += 1) taken.push(await budgets.take('anonymous', 'anonymous:1'));
    expect(taken).toEqual([{ allowed: true }, { allowed: true }, { allowed: true }]);

    // Three a minute: one more every 20 s
    vi.advanceTimersByTime(5_000);
    expect(await budgets.take('anonymous', 'anonymous:1')).toEqual({ allowed: false, retryAfterSeconds: 15 });
    vi.advanceTimersByTime(15_000);
    expect(await budgets.take('anonymous', 'anonymous:1')).toEqual({ allowed: true });
    expect((await budgets.take('anonymous', 'anonymous:1')).allowed).toBe(false);
  });

  it('keeps keys and budgets apart', async () => {
    const budgets = RequestBudgets.inMemory(perMinute);
    for (let index = 0; index < 5; index += 1) await budgets.take('customer', 'customer:a');
    expect((await budgets.take('customer', 'customer:a')).allowed).toBe(false);
    expect((await budgets.take('customer', 'customer:b')).allowed).toBe(true);
    expect((await budgets.take('staff', 'customer:a')).allowed).toBe(true);
  });

  const addresses = (count: number) =>
    Array.from({ length: count }, (_, index) => `ip:10.0.${index >> 8}.${index & 255}`);

  it('counts 5,000 distinct keys each on its own, with a fixed number of records per key however often it comes', async () => {
    const budgets = RequestBudgets.inMemory(perMinute);
    const keys = addresses(5_000);
    for (let index = 0; index < 3; index += 1) await budgets.take('anonymous', keys[0]!);

    const decisions = [];
    for (const key of keys) decisions.push(await budgets.take('anonymous', key));
    for (const key of keys) await budgets.take('anonymous', key);

    // The exhausted key is still refused among thousands of new ones, and every new key got its request
    expect(decisions[0]).toMatchObject({ allowed: false });
    expect(decisions.slice(1).every((decision) => decision.allowed)).toBe(true);
    // Each key has two records (its rate and its burst), each with one expiry: nothing else accumulates
    expect(vi.getTimerCount()).toBe(2 * keys.length);
  });

  it('holds no key once its window has ended', async () => {
    const budgets = RequestBudgets.inMemory(perMinute);
    const keys = addresses(300);
    for (const key of keys) for (let index = 0; index < 4; index += 1) await budgets.take('anonymous', key);
    expect(vi.getTimerCount()).toBe(2 * keys.length);

    vi.advanceTimersByTime(600_000);

    expect(vi.getTimerCount()).toBe(0);
    expect(await budgets.take('anonymous', keys[0]!)).toEqual({ allowed: true });
  });
});

describe('RequestBudgets shared through MongoDB', () => {
  it('keeps limiting in memory while the store does not answer', async () => {
    const unreachable = new MongoClient('mongodb://127.0.0.1:9/', { serverSelectionTimeoutMS: 50 });
    try {
      const budgets = RequestBudgets.shared(perMinute, unreachable, 'gateway');
      const taken = [];
      for (let index = 0; index < 4; index += 1) taken.push(await budgets.take('anonymous', 'anonymous:1'));
      expect(taken.map((decision) => decision.allowed)).toEqual([true, true, true, false]);
    } finally {
      await unreachable.close();
    }
  });
});
