/** What a read answered, and when: a later read may fall back to it while the store is down. */
export interface Remembered<T> {
  readonly value: T;
  readonly readAt: Date;
}

export interface PolicyReadCacheLimits {
  /** Customers kept; the one read least recently is forgotten first. */
  readonly customers: number;
  /** Answers kept per customer (cards and list pages together), least recently read forgotten first. */
  readonly entriesPerCustomer: number;
  /** An answer older than this is never served: the customer gets the outage error instead. */
  readonly maxStalenessMs: number;
}

/**
 * The last answers of policy reads, per customer and bounded, for serving while the document store
 * is unavailable. Maps keep insertion order, so re-inserting on every use makes the first key the
 * least recently used one.
 */
export class PolicyReadCache<T> {
  private readonly byCustomer = new Map<string, Map<string, Remembered<T>>>();

  constructor(
    private readonly limits: PolicyReadCacheLimits,
    private readonly now: () => Date,
  ) {}

  remember(customerId: string, key: string, value: T): void {
    if (this.limits.customers === 0 || this.limits.entriesPerCustomer === 0) return;
    const entries = this.touchCustomer(customerId) ?? new Map<string, Remembered<T>>();
    this.byCustomer.set(customerId, entries);
    entries.delete(key);
    entries.set(key, { value, readAt: this.now() });
    evictOldest(entries, this.limits.entriesPerCustomer);
    evictOldest(this.byCustomer, this.limits.customers);
  }

  /** The customer's remembered answer under `key`, unless it is older than the staleness limit. */
  recall(customerId: string, key: string): Remembered<T> | null {
    const entries = this.touchCustomer(customerId);
    const entry = entries?.get(key);
    if (!entries || !entry) return null;
    if (this.now().getTime() - entry.readAt.getTime() > this.limits.maxStalenessMs) {
      entries.delete(key);
      return null;
    }
    entries.delete(key);
    entries.set(key, entry);
    return entry;
  }

  /** The answer under `key` whichever customer it was remembered for (a card read by its id). */
  recallAnywhere(key: string): Remembered<T> | null {
    for (const [customerId, entries] of this.byCustomer) {
      if (entries.has(key)) return this.recall(customerId, key);
    }
    return null;
  }

  private touchCustomer(customerId: string): Map<string, Remembered<T>> | undefined {
    const entries = this.byCustomer.get(customerId);
    if (entries) {
      this.byCustomer.delete(customerId);
      this.byCustomer.set(customerId, entries);
    }
    return entries;
  }
}

function evictOldest<V>(map: Map<string, V>, limit: number): void {
  for (const key of map.keys()) {
    if (map.size <= limit) return;
    map.delete(key);
  }
}
