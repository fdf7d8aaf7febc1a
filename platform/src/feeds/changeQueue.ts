/** Changes a subscriber may fall behind by before it is cut off (it resumes with its last cursor). */
const MAX_BUFFERED = 1_000;

/**
 * One subscriber's live changes: the shared feed pushes, the subscriber pulls. Ends when the
 * subscriber leaves (return or abort), and fails when the subscriber falls too far behind.
 */
export class ChangeQueue<Change> implements AsyncIterableIterator<Change> {
  private readonly buffered: Change[] = [];
  private waiting: ((result: IteratorResult<Change>) => void) | undefined;
  private failWaiting: ((error: Error) => void) | undefined;
  private failure: Error | undefined;
  private ended = false;

  /** `overflow` is the error a subscriber that fell too far behind gets (it says to resume from its cursor). */
  constructor(
    private readonly onEnd: () => void,
    signal: AbortSignal,
    private readonly overflow: () => Error,
  ) {
    signal.addEventListener('abort', () => this.close(), { once: true });
  }

  push(change: Change): void {
    if (this.ended) return;
    if (this.waiting) {
      const resolve = this.waiting;
      this.waiting = this.failWaiting = undefined;
      resolve({ value: change, done: false });
      return;
    }
    this.buffered.push(change);
    if (this.buffered.length > MAX_BUFFERED) {
      this.fail(this.overflow());
    }
  }

  fail(error: Error): void {
    if (this.ended) return;
    this.failure = error;
    this.buffered.length = 0;
    const reject = this.failWaiting;
    this.finish();
    reject?.(error);
  }

  close(): void {
    if (this.ended) return;
    const resolve = this.waiting;
    this.finish();
    resolve?.({ value: undefined, done: true });
  }

  next(): Promise<IteratorResult<Change>> {
    const change = this.buffered.shift();
    if (change) return Promise.resolve({ value: change, done: false });
    if (this.failure !== undefined) return Promise.reject(this.failure);
    if (this.ended) return Promise.resolve({ value: undefined, done: true });
    return new Promise((resolve, reject) => {
      this.waiting = resolve;
      this.failWaiting = reject;
    });
  }

  return(): Promise<IteratorResult<Change>> {
    this.close();
    return Promise.resolve({ value: undefined, done: true });
  }

  [Symbol.asyncIterator](): this {
    return this;
  }

  private finish(): void {
    this.ended = true;
    this.waiting = this.failWaiting = undefined;
    this.onEnd();
  }
}
