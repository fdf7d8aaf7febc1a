import type { Principal } from '@cabinet/kernel';
import type { MongoClient } from 'mongodb';
import {
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

const WINDOW_SECONDS = 60;
const BUDGETS: readonly BudgetName[] = ['anonymous', 'customer', 'staff', 'partner', 'ip'];

/**
 * Per-key request counts in one-minute fixed windows, kept by rate-limiter-flexible. In memory (one
 * gateway instance), each key's record is dropped when its window ends, so memory holds only the keys
 * seen in the last minute and no request scans the others. With a MongoDB client the counts are shared
 * by every gateway instance, and a store that fails is covered by the same limits in memory.
 */
export class RequestBudgets {
  private constructor(private readonly limiters: Readonly<Record<BudgetName, RateLimiterAbstract>>) {}

  static inMemory(perMinute: RequestsPerMinute): RequestBudgets {
    return new RequestBudgets(byBudget((budget) => memoryLimiter(budget, perMinute[budget])));
  }

  /** Counts in `<database>.gateway_rate_<budget>` of `client`, whose TTL index drops ended windows. */
  static shared(perMinute: RequestsPerMinute, client: MongoClient, database: string): RequestBudgets {
    return new RequestBudgets(
      byBudget(
        (budget) =>
          new RateLimiterMongo({
            storeClient: client,
            dbName: database,
            keyPrefix: `gateway_rate_${budget}`,
            points: perMinute[budget],
            duration: WINDOW_SECONDS,
            insuranceLimiter: memoryLimiter(budget, perMinute[budget]),
          }),
      ),
    );
  }

  /** Spends one request of `key` from `budget`, or says how many seconds until the window ends. */
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

function memoryLimiter(budget: BudgetName, points: number): RateLimiterMemory {
  return new RateLimiterMemory({ keyPrefix: `gateway_rate_${budget}`, points, duration: WINDOW_SECONDS });
}

function byBudget(
  limiter: (budget: BudgetName) => RateLimiterAbstract,
): Record<BudgetName, RateLimiterAbstract> {
  return Object.fromEntries(BUDGETS.map((budget) => [budget, limiter(budget)])) as Record<
    BudgetName,
    RateLimiterAbstract
  >;
}
