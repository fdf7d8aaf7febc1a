import { describe, expect, it } from 'vitest';
import { backoffRemaining, withFailure, type FailureRecord } from './failureBackoff.ts';

const t0 = new Date('2026-03-02T09:00:00Z');
const at = (seconds: number) => new Date(t0.getTime() + seconds * 1000);
const rule = { free: 3, baseWaitMs: 60_000, maxWaitMs: 15 * 60_000 };

function failTimes(times: number, at: Date, record: FailureRecord | null = null): FailureRecord | null {
  for (let index = 0; index < times; index += 1) record = withFailure(record, rule, at);
  return record;
}

describe('backoff after wrong answers', () => {
  it('lets the free answers through, then waits a minute, doubling with every further wrong answer', () => {
    expect(backoffRemaining(failTimes(2, t0), rule, t0)).toBeNull();
    const third = failTimes(3, t0);
    expect(backoffRemaining(third, rule, t0)).toBe(60);
    expect(backoffRemaining(third, rule, at(59))).toBe(1);
    expect(backoffRemaining(third, rule, at(60))).toBeNull();
    const fourth = withFailure(third, rule, at(60));
    expect(backoffRemaining(fourth, rule, at(60))).toBe(120);
  });

  it('never waits longer than the cap, and forgets a record that stayed quiet that long', () => {
    const many = failTimes(20, t0);
    expect(backoffRemaining(many, rule, t0)).toBe(15 * 60);
    expect(backoffRemaining(many, rule, at(15 * 60))).toBeNull();
    expect(withFailure(many, rule, at(15 * 60))).toEqual({
      failures: 1,
      lastFailureAt: at(15 * 60).toISOString(),
    });
  });
});
