/** Wrong answers one client gave for one account, and when the last one came. */
export interface FailureRecord {
  readonly failures: number;
  readonly lastFailureAt: string;
}

export interface BackoffRule {
  /** Wrong answers allowed back to back before waits begin. */
  readonly free: number;
  /** The first wait; every further wrong answer doubles it. */
  readonly baseWaitMs: number;
  /** The longest wait; a record this quiet is forgotten and the free answers come back. */
  readonly maxWaitMs: number;
}

function waitAfter(failures: number, rule: BackoffRule): number {
  if (failures < rule.free) return 0;
  return Math.min(rule.baseWaitMs * 2 ** (failures - rule.free), rule.maxWaitMs);
}

function isForgotten(record: FailureRecord, rule: BackoffRule, now: Date): boolean {
  return now.getTime() - new Date(record.lastFailureAt).getTime() >= rule.maxWaitMs;
}

/** Seconds to wait before the next attempt may be checked, or null when it may be checked now. */
export function backoffRemaining(record: FailureRecord | null, rule: BackoffRule, now: Date): number | null {
  if (!record || isForgotten(record, rule, now)) return null;
  const until = new Date(record.lastFailureAt).getTime() + waitAfter(record.failures, rule);
  return until > now.getTime() ? Math.max(1, Math.ceil((until - now.getTime()) / 1000)) : null;
}

/** The record after one more wrong answer. */
export function withFailure(record: FailureRecord | null, rule: BackoffRule, now: Date): FailureRecord {
  const failures = !record || isForgotten(record, rule, now) ? 1 : record.failures + 1;
  return { failures, lastFailureAt: now.toISOString() };
}

/**
 * Five wrong answers from one address for one account, then a minute's wait, doubling up to 15 minutes
 * (the pace ESIA allows people). Only that address waits: the owner elsewhere still signs in.
 */
export const SIGN_IN_BACKOFF: BackoffRule = { free: 5, baseWaitMs: 60_000, maxWaitMs: 15 * 60_000 };
