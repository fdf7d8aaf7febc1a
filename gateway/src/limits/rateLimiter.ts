export interface RateBudget {
  /** Requests a key may make in a burst. */
  readonly burst: number;
  /** Requests per minute a key regains. */
  readonly perMinute: number;
}

interface Bucket {
  tokens: number;
  updatedAt: number;
  readonly budget: RateBudget;
}

export type RateDecision = { allowed: true } | { allowed: false; retryAfterSeconds: number };

/**
 * Token buckets by key ("customer:<id>", "ip:<address>"). Memory stays bounded: past `maxKeys`,
 * buckets that have refilled completely are dropped, as they carry no information.
 */
export class RateLimiter {
  readonly #buckets = new Map<string, Bucket>();

  constructor(
    private readonly now: () => number,
    private readonly maxKeys = 100_000,
  ) {}

  take(key: string, budget: RateBudget): RateDecision {
    const now = this.now();
    const bucket = this.#buckets.get(key) ?? { tokens: budget.burst, updatedAt: now, budget };
    const refillPerMs = budget.perMinute / 60_000;
    bucket.tokens = Math.min(budget.burst, bucket.tokens + (now - bucket.updatedAt) * refillPerMs);
    bucket.updatedAt = now;
    if (!this.#buckets.has(key)) {
      if (this.#buckets.size >= this.maxKeys) this.#dropFullBuckets(now);
      this.#buckets.set(key, bucket);
    }
    if (bucket.tokens >= 1) {
      bucket.tokens -= 1;
      return { allowed: true };
    }
    return { allowed: false, retryAfterSeconds: Math.ceil((1 - bucket.tokens) / refillPerMs / 1_000) };
  }

  get size(): number {
    return this.#buckets.size;
  }

  #dropFullBuckets(now: number): void {
    for (const [key, bucket] of this.#buckets) {
      const refilled = bucket.tokens + ((now - bucket.updatedAt) * bucket.budget.perMinute) / 60_000;
      if (refilled >= bucket.budget.burst) this.#buckets.delete(key);
    }
  }
}
