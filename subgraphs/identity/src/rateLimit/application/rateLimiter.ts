import type { RequestClient } from '@cabinet/contracts';
import {
  DuplicateKey,
  VersionConflict,
  type Collection,
  type DocumentStore,
} from '@cabinet/platform/documents';
import {
  countAttempt,
  tooManyAttempts,
  type AttemptWindow,
  type WindowLimit,
} from '../domain/fixedWindow.ts';
import {
  backoffRemaining,
  withFailure,
  type BackoffRule,
  type FailureRecord,
} from '../domain/failureBackoff.ts';

const WINDOWS = { name: 'rate_limit_windows', indexes: [] } as const;
const FAILURES = { name: 'sign_in_failures', indexes: [] } as const;

/** The key under which one client address's sign-in attempts are counted. */
export const ipKey = (client: RequestClient) => `ip:${client.ip ?? 'unknown'}`;

/** The key under which one client address's wrong answers for one account are counted. */
export const accountAtIpKey = (account: string, client: RequestClient) => `${account}|${ipKey(client)}`;

/**
 * Sign-in attempt limits shared by every identity instance: the windows and the wrong-answer records
 * live in the document store, keyed like `ip:203.0.113.7`, `esia:1000100003` or
 * `staff:adjuster|ip:203.0.113.7`.
 */
export class RateLimiter {
  private constructor(
    private readonly windows: Collection<AttemptWindow>,
    private readonly failures: Collection<FailureRecord>,
    private readonly now: () => Date,
  ) {}

  static async open(store: DocumentStore, now: () => Date): Promise<RateLimiter> {
    return new RateLimiter(
      await store.collection<AttemptWindow>(WINDOWS),
      await store.collection<FailureRecord>(FAILURES),
      now,
    );
  }

  /** Counts an attempt under `key`, or throws TOO_MANY_ATTEMPTS with the seconds to wait. */
  async consume(key: string, limit: WindowLimit): Promise<void> {
    for (;;) {
      const stored = await this.windows.get(key);
      const decision = countAttempt(stored?.data ?? null, limit, this.now());
      if (!decision.allowed) throw tooManyAttempts(decision.retryAfterSeconds);
      try {
        if (stored) await this.windows.replace(key, decision.window, stored.version);
        else await this.windows.insert(key, decision.window);
        return;
      } catch (error) {
        if (!(error instanceof VersionConflict) && !(error instanceof DuplicateKey)) throw error;
      }
    }
  }

  /** Refuses while `key` must wait after its wrong answers; checked before any password is hashed. */
  async assertNoBackoff(key: string, rule: BackoffRule): Promise<void> {
    const stored = await this.failures.get(key);
    const retryAfter = backoffRemaining(stored?.data ?? null, rule, this.now());
    if (retryAfter !== null) throw tooManyAttempts(retryAfter);
  }

  async recordFailure(key: string, rule: BackoffRule): Promise<void> {
    for (;;) {
      const stored = await this.failures.get(key);
      const next = withFailure(stored?.data ?? null, rule, this.now());
      try {
        if (stored) await this.failures.replace(key, next, stored.version);
        else await this.failures.insert(key, next);
        return;
      } catch (error) {
        if (!(error instanceof VersionConflict) && !(error instanceof DuplicateKey)) throw error;
      }
    }
  }

  async clearFailures(key: string): Promise<void> {
    await this.failures.delete(key);
  }
}
