import { ChangeQueue } from './changeQueue.ts';

/**
 * Subscribers' queues indexed by what they follow (a claim, a conversation): a change goes only to the
 * queues of its key, and a key's entry goes away with its last subscriber.
 */
export class KeyedQueues<Change> {
  private readonly byKey = new Map<string, Set<ChangeQueue<Change>>>();

  /** `overflow` is the error a subscriber that fell too far behind gets. */
  constructor(private readonly overflow: () => Error) {}

  get size(): number {
    let count = 0;
    for (const queues of this.byKey.values()) count += queues.size;
    return count;
  }

  /** A new queue for `key`, removed when its subscriber leaves or `signal` aborts. */
  add(key: string, signal: AbortSignal): ChangeQueue<Change> {
    const queues = this.byKey.get(key) ?? new Set<ChangeQueue<Change>>();
    const queue: ChangeQueue<Change> = new ChangeQueue(
      () => {
        queues.delete(queue);
        if (queues.size === 0) this.byKey.delete(key);
      },
      signal,
      this.overflow,
    );
    queues.add(queue);
    this.byKey.set(key, queues);
    return queue;
  }

  push(key: string, change: Change): void {
    for (const queue of this.byKey.get(key) ?? []) queue.push(change);
  }

  closeAll(): void {
    for (const queues of [...this.byKey.values()]) for (const queue of [...queues]) queue.close();
  }
}
