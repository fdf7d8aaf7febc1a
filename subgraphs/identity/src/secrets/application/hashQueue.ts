import { DomainError } from '@cabinet/kernel';

export interface HashQueueLimits {
  /** Hashes computed at once; scrypt takes 128 MiB and a core's worth of work each. */
  readonly concurrency: number;
  /** Hashes that may wait for a free slot; one more is refused at once. */
  readonly queueLength: number;
  /**
   * Hashes one client (address) may have running or waiting: a flood from one address takes this
   * many places, so everyone else still gets theirs.
   */
  readonly perClient: number;
}

/** Thrown for work whose requester went away before it started: nobody is left to answer. */
export class RequestAbandoned extends Error {
  constructor() {
    super('the client closed the request before its secret was checked');
  }
}

const BUSY_RETRY_AFTER_SECONDS = 1;

const hashingBusy = () =>
  new DomainError(
    'TOO_MANY_ATTEMPTS',
    `Слишком много попыток входа одновременно. Повторите через ${BUSY_RETRY_AFTER_SECONDS} с.`,
    { retryAfterSeconds: BUSY_RETRY_AFTER_SECONDS },
  );

/**
 * Bounds the expensive secret checks: a few run at once, a few more wait, the rest are refused at once
 * with TOO_MANY_ATTEMPTS, so a burst of sign-ins cannot take every core and the memory of the process;
 * one client gets only its share of the places. Work whose request was aborted while waiting is
 * dropped without being run.
 */
export class HashQueue {
  private running = 0;
  private readonly waiting: (() => void)[] = [];
  private readonly placesOf = new Map<string, number>();

  constructor(private readonly limits: HashQueueLimits) {}

  async run<T>(client: string, work: () => Promise<T>, signal?: AbortSignal): Promise<T> {
    if (signal?.aborted) throw new RequestAbandoned();
    const places = this.placesOf.get(client) ?? 0;
    if (places >= this.limits.perClient) throw hashingBusy();
    this.placesOf.set(client, places + 1);
    try {
      await this.acquire(signal);
      try {
        if (signal?.aborted) throw new RequestAbandoned();
        return await work();
      } finally {
        this.release();
      }
    } finally {
      this.leave(client);
    }
  }

  private leave(client: string): void {
    const places = (this.placesOf.get(client) ?? 1) - 1;
    if (places > 0) this.placesOf.set(client, places);
    else this.placesOf.delete(client);
  }

  private acquire(signal: AbortSignal | undefined): Promise<void> {
    if (this.running < this.limits.concurrency) {
      this.running += 1;
      return Promise.resolve();
    }
    if (this.waiting.length >= this.limits.queueLength) return Promise.reject(hashingBusy());
    return new Promise((resolve, reject) => {
      const granted = () => {
        signal?.removeEventListener('abort', abandoned);
        resolve();
      };
      const abandoned = () => {
        this.waiting.splice(this.waiting.indexOf(granted), 1);
        reject(new RequestAbandoned());
      };
      this.waiting.push(granted);
      signal?.addEventListener('abort', abandoned, { once: true });
    });
  }

  /** Hands the slot straight to the next waiter, so a slot is never free while someone waits. */
  private release(): void {
    const next = this.waiting.shift();
    if (next) next();
    else this.running -= 1;
  }
}
