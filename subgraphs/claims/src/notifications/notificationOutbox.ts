import {
  DuplicateKey,
  VersionConflict,
  type Collection,
  type DocumentStore,
  type StoredDocument,
} from '@cabinet/platform/documents';
import type { ClaimStatusChangeRecord } from '../claim/statusFeed/statusChange.ts';

export type OutboxState = 'PENDING' | 'SENT' | 'FAILED';

/** One status change still to be told to its customer, or the record that it was. */
export interface OutboxEntry {
  readonly change: ClaimStatusChangeRecord;
  readonly state: OutboxState;
  /** Attempts started so far; each one is counted before it runs, so a crash mid-send still counts. */
  readonly attempts: number;
  /** When the entry may be picked up next (ISO 8601): now, after a backoff, or after a running attempt's lease. */
  readonly dueAt: string;
  readonly lastError: string | null;
  readonly sentAt: string | null;
  /** Whether an e-mail went out: false when the customer left no address or their key was destroyed. */
  readonly emailed: boolean | null;
}

const OUTBOX = {
  name: 'notification_outbox',
  indexes: [{ fields: ['state', 'dueAt'] }, { fields: ['state', 'change.changedAt'] }],
} as const;

/**
 * The notification outbox in the document store. An entry's id is the id of the event that changed
 * the status, so the same change can be enqueued any number of times and is still one entry.
 */
export class NotificationOutbox {
  private constructor(readonly entries: Collection<OutboxEntry>) {}

  static async open(store: DocumentStore): Promise<NotificationOutbox> {
    return new NotificationOutbox(await store.collection<OutboxEntry>(OUTBOX));
  }

  /** Returns false when the change was already enqueued. */
  async enqueue(change: ClaimStatusChangeRecord, now: Date): Promise<boolean> {
    const entry: OutboxEntry = {
      change,
      state: 'PENDING',
      attempts: 0,
      dueAt: now.toISOString(),
      lastError: null,
      sentAt: null,
      emailed: null,
    };
    try {
      await this.entries.insert(change.eventId, entry);
      return true;
    } catch (error) {
      if (error instanceof DuplicateKey) return false;
      throw error;
    }
  }

  async due(now: Date, limit: number): Promise<StoredDocument<OutboxEntry>[]> {
    const page = await this.entries.find({
      where: { state: 'PENDING', dueAt: { lte: now.toISOString() } },
      sort: [{ field: 'dueAt', direction: 'asc' }],
      first: limit,
    });
    return page.items;
  }

  /**
   * Takes an entry for one attempt: it counts the attempt and pushes `dueAt` past the lease, so a
   * process that dies mid-send leaves it due again later. Null when another dispatcher took it first.
   */
  async take(
    entry: StoredDocument<OutboxEntry>,
    leaseUntil: Date,
  ): Promise<StoredDocument<OutboxEntry> | null> {
    return this.update(entry, { attempts: entry.data.attempts + 1, dueAt: leaseUntil.toISOString() });
  }

  async markSent(entry: StoredDocument<OutboxEntry>, at: Date, emailed: boolean): Promise<void> {
    await this.update(entry, { state: 'SENT', sentAt: at.toISOString(), emailed, lastError: null });
  }

  async markFailed(entry: StoredDocument<OutboxEntry>, error: string, retryAt: Date | null): Promise<void> {
    await this.update(
      entry,
      retryAt === null
        ? { state: 'FAILED', lastError: error }
        : { dueAt: retryAt.toISOString(), lastError: error },
    );
  }

  async count(state: OutboxState): Promise<number> {
    return this.entries.count({ state });
  }

  /** The pending entry whose status change is the oldest: the customer who has waited longest. */
  async oldestPending(): Promise<OutboxEntry | null> {
    const page = await this.entries.find({
      where: { state: 'PENDING' },
      sort: [{ field: 'change.changedAt', direction: 'asc' }],
      first: 1,
    });
    return page.items[0]?.data ?? null;
  }

  async get(eventId: string): Promise<OutboxEntry | null> {
    return (await this.entries.get(eventId))?.data ?? null;
  }

  private async update(
    entry: StoredDocument<OutboxEntry>,
    patch: Partial<OutboxEntry>,
  ): Promise<StoredDocument<OutboxEntry> | null> {
    try {
      return await this.entries.replace(entry.id, { ...entry.data, ...patch }, entry.version);
    } catch (error) {
      if (error instanceof VersionConflict) return null;
      throw error;
    }
  }
}
