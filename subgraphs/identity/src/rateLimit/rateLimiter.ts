import { DomainError } from '@cabinet/kernel';
import {
  DuplicateKey,
  VersionConflict,
  type Collection,
  type DocumentStore,
} from '@cabinet/platform/documents';
import { countAttempt, isExhausted, type AttemptWindow, type WindowLimit } from './fixedWindow.ts';

export const tooManyAttempts = (retryAfterSeconds: number) =>
  new DomainError(
    'TOO_MANY_ATTEMPTS',
    `Слишком много попыток входа. Повторите через ${Math.ceil(retryAfterSeconds / 60)} мин.`,
    { retryAfterSeconds },
  );

const WINDOWS = { name: 'rate_limit_windows', indexes: [] } as const;

/**
 * Sign-in attempt limits shared by every identity instance: the windows live in the document store,
 * keyed like `ip:203.0.113.7` or `esia:1000100003`.
 */
export class RateLimiter {
  private constructor(
    private readonly windows: Collection<AttemptWindow>,
    private readonly now: () => Date,
  ) {}

  static async open(store: DocumentStore, now: () => Date): Promise<RateLimiter> {
    return new RateLimiter(await store.collection<AttemptWindow>(WINDOWS), now);
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

  /** Refuses while `key` is exhausted, without counting: failures are counted after the fact. */
  async assertOpen(key: string, limit: WindowLimit): Promise<void> {
    const stored = await this.windows.get(key);
    const retryAfter = isExhausted(stored?.data ?? null, limit, this.now());
    if (retryAfter !== null) throw tooManyAttempts(retryAfter);
  }

  async reset(key: string): Promise<void> {
    await this.windows.delete(key);
  }
}
