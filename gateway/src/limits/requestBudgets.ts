import type { Principal } from '@cabinet/kernel';
import type { MongoClient } from 'mongodb';
import {
  BurstyRateLimiter,
  RateLimiterMemory,
  RateLimiterMongo,
  RateLimiterRes,
  type RateLimiterAbstract,
} from 'rate-limiter-flexible';

/** The budgets a request spends from: its caller's, by kind, and its IP address's. */
export type BudgetName = Principal['kind'] | 'ip';

/** Requests per minute each key of a budget may make. */
export type RequestsPerMinute = Readonly<Record<BudgetName, number>>;

export type RateDecision = { allowed: true } | { allowed: false; retryAfterSeconds: number };

/** How long a key's unspent burst takes to come back. */
const BURST_RECOVERY_SECONDS = 600;
const BUDGETS: readonly BudgetName[] = ['anonymous', 'customer', 'staff', 'partner', 'ip'];

type LimiterOptions = { keyPrefix: string; points: number; duration: number };

/**
 * Per-key request budgets kept by rate-limiter-flexible, shaped like a token bucket with its
 * BurstyRateLimiter: a key may make a minute's worth of requests at once, then one every
 * 60/perMinute seconds; the burst comes back over ten minutes. In memory (one gateway instance), each
 * key's record is dropped when its window ends, so memory holds only recently seen keys and no request
 * scans the others. With a MongoDB client the counts are shared by every gateway instance, and a
 * store that fails is covered by the same limits in memory.
 */
export class RequestBudgets {
  private constructor(private readonly limiters: Readonly<Record<BudgetName, BurstyRateLimiter>>) {}

  static inMemory(perMinute: RequestsPerMinute): RequestBudgets {
    return new RequestBudgets(byBudget(perMinute, (options) => new RateLimiterMemory(options)));
  }

  /** Counts in `<database>.gateway_rate_<budget>[_burst]` of `client`, whose TTL index drops ended windows. */
  static shared(perMinute: RequestsPerMinute, client: MongoClient, database: string): RequestBudgets {
    return new RequestBudgets(
      byBudget(
        perMinute,
        (options) =>
          new RateLimiterMongo({
            ...options,
            storeClient: client,
            dbName: database,
            insuranceLimiter: new RateLimiterMemory(options),
          }),
      ),
    );
  }

  /** Spends one request of `key` from `budget`, or says how many seconds until one more is allowed. */
  async take(budget: BudgetName, key: string): Promise<RateDecision> {
    try {
      await this.limiters[budget].consume(key);
      return { allowed: true };
    } catch (refusal) {
      if (!(refusal instanceof RateLimiterRes)) throw refusal;
      return { allowed: false, retryAfterSeconds: Math.max(1, Math.ceil(refusal.msBeforeNext / 1_000)) };
    }
  }
}

function byBudget(
  perMinute: RequestsPerMinute,
  limiter: (options: LimiterOptions) => RateLimiterAbstract,
): Record<BudgetName, BurstyRateLimiter> {
  const bursty = (budget: BudgetName) => {
    const keyPrefix = `gateway_rate_${budget}`;
    return new BurstyRateLimiter(
      limiter({ keyPrefix, points: 1, duration: 60 / perMinute[budget] }),
      limiter({
        keyPrefix: `${keyPrefix}_burst`,
        points: perMinute[budget] - 1,
        duration: BURST_RECOVERY_SECONDS,
      }),
    );
  };
  return Object.fromEntries(BUDGETS.map((budget) => [budget, bursty(budget)])) as Record<
    BudgetName,
    BurstyRateLimiter
  >;
}
