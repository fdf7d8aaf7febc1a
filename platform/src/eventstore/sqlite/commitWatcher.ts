/**
 * Wakes waiting subscriptions when new events may exist: at once after an append through this
 * connection, and by polling `PRAGMA data_version` (which changes when any other connection, in
 * this process or another, commits) while somebody is waiting. The poll timer keeps the process
 * alive while a subscription waits, as any pending I/O would; aborting or closing releases it.
 */
export class CommitWatcher {
  private generation = 0;
  private lastDataVersion: number;
  private readonly waiters = new Set<() => void>();
  private timer: NodeJS.Timeout | undefined;

  constructor(
    private readonly readDataVersion: () => number,
    private readonly pollIntervalMs: number,
  ) {
    this.lastDataVersion = readDataVersion();
  }

  /** Take this before reading, then pass it to `wait`: a commit in between is never missed. */
  get current(): number {
    return this.generation;
  }

  notify(): void {
    this.generation += 1;
    const waiting = [...this.waiters];
    this.waiters.clear();
    this.stopPollingIfIdle();
    for (const wake of waiting) wake();
  }

  wait(seenGeneration: number, signal: AbortSignal | undefined): Promise<void> {
    if (this.generation !== seenGeneration || signal?.aborted === true) return Promise.resolve();
    return new Promise((resolve) => {
      const wake = () => {
        signal?.removeEventListener('abort', onAbort);
        resolve();
      };
      const onAbort = () => {
        this.waiters.delete(wake);
        this.stopPollingIfIdle();
        resolve();
      };
      signal?.addEventListener('abort', onAbort, { once: true });
      this.waiters.add(wake);
      this.timer ??= setInterval(() => this.poll(), this.pollIntervalMs);
    });
  }

  /** Releases every waiter, for shutdown. */
  stop(): void {
    this.notify();
  }

  private poll(): void {
    const dataVersion = this.readDataVersion();
    if (dataVersion === this.lastDataVersion) return;
    this.lastDataVersion = dataVersion;
    this.notify();
  }

  private stopPollingIfIdle(): void {
    if (this.waiters.size > 0 || this.timer === undefined) return;
    clearInterval(this.timer);
    this.timer = undefined;
  }
}
