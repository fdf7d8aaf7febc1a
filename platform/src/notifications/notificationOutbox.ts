import {
  DuplicateKey,
  StaleFence,
  VersionConflict,
  type Collection,
  type DocumentStore,
  type StoredDocument,
} from '../documents/index.ts';

/** PENDING: still to be sent; SENT; FAILED: given up after the last attempt; DROPPED: nothing left to tell. */
export type OutboxState = 'PENDING' | 'SENT' | 'FAILED' | 'DROPPED';

/** One notice still to be given to its customer, or the record of what became of it. */
export interface OutboxEntry<Notice> {
  /** What the notice is about, as the service that enqueued it describes it (never personal data). */
  readonly notice: Notice;
  /** When what it tells of happened (ISO 8601). */
  readonly occurredAt: string;
  /** When it was first due (ISO 8601), kept through retries: the backlog's age is measured from it. */
  readonly dueFrom: string;
  readonly state: OutboxState;
  /** Attempts started so far; each one is counted before it runs, so a crash mid-send still counts. */
  readonly attempts: number;
  /** When the entry may be picked up next (ISO 8601): its due moment, after a backoff, or after a running attempt's lease. */
  readonly dueAt: string;
  readonly lastError: string | null;
  /** When it was sent or dropped. */
  readonly sentAt: string | null;
  /** Whether an e-mail went out: false when the customer has no verified address or their key was destroyed. */
  readonly emailed: boolean | null;
}

const OUTBOX = {
  name: 'notification_outbox',
  indexes: [{ fields: ['state', 'dueAt'] }, { fields: ['state', 'dueFrom'] }],
} as const;

/**
 * The notification outbox in a service's document store. An entry's id is the id of the event it tells
 * of, so the same event can be enqueued any number of times and is still one entry.
 */
export class NotificationOutbox<Notice> {
  private constructor(readonly entries: Collection<OutboxEntry<Notice>>) {}

  static async open<Notice>(store: DocumentStore): Promise<NotificationOutbox<Notice>> {
    return new NotificationOutbox(await store.collection<OutboxEntry<Notice>>(OUTBOX));
  }

  /** Returns false when the event was already enqueued. `dueAt` is when it may first be sent. */
  async enqueue(
    eventId: string,
    notice: Notice,
    timing: { readonly occurredAt: string; readonly dueAt: Date },
  ): Promise<boolean> {
    const entry: OutboxEntry<Notice> = {
      notice,
      occurredAt: timing.occurredAt,
      dueFrom: timing.dueAt.toISOString(),
      state: 'PENDING',
      attempts: 0,
      dueAt: timing.dueAt.toISOString(),
      lastError: null,
      sentAt: null,
      emailed: null,
    };
    try {
      await this.entries.insert(eventId, entry);
      return true;
    } catch (error) {
      if (error instanceof DuplicateKey) return false;
      throw error;
    }
  }

  async due(now: Date, limit: number): Promise<StoredDocument<OutboxEntry<Notice>>[]> {
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
    entry: StoredDocument<OutboxEntry<Notice>>,
    leaseUntil: Date,
  ): Promise<StoredDocument<OutboxEntry<Notice>> | null> {
    return this.update(entry, { attempts: entry.data.attempts + 1, dueAt: leaseUntil.toISOString() });
  }

  /**
   * Keeps a taken entry for the attempt a while longer, right before it is sent: null when another
   * dispatcher took it since (this one's lease lapsed while it paused) or a newer leader wrote it, so
   * only the dispatcher holding an entry when it sends is the one that sends it.
   */
  async hold(
    entry: StoredDocument<OutboxEntry<Notice>>,
    leaseUntil: Date,
  ): Promise<StoredDocument<OutboxEntry<Notice>> | null> {
    return this.update(entry, { dueAt: leaseUntil.toISOString() });
  }

  /** False when the entry is no longer this dispatcher's (see `hold`). */
  async markSent(entry: StoredDocument<OutboxEntry<Notice>>, at: Date, emailed: boolean): Promise<boolean> {
    return (
      (await this.update(entry, { state: 'SENT', sentAt: at.toISOString(), emailed, lastError: null })) !==
      null
    );
  }

  /** Nothing is sent: by the time it was due there was nothing left to tell (e.g. the customer had read it). */
  async markDropped(entry: StoredDocument<OutboxEntry<Notice>>, at: Date): Promise<void> {
    await this.update(entry, { state: 'DROPPED', sentAt: at.toISOString(), emailed: false, lastError: null });
  }

  async markFailed(
    entry: StoredDocument<OutboxEntry<Notice>>,
    error: string,
    retryAt: Date | null,
  ): Promise<void> {
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

  /** The pending entry that has been due longest (retries included); null when none is due yet. */
  async longestDue(now: Date): Promise<OutboxEntry<Notice> | null> {
    const page = await this.entries.find({
      where: { state: 'PENDING', dueFrom: { lte: now.toISOString() } },
      sort: [{ field: 'dueFrom', direction: 'asc' }],
      first: 1,
    });
    return page.items[0]?.data ?? null;
  }

  async get(eventId: string): Promise<OutboxEntry<Notice> | null> {
    return (await this.entries.get(eventId))?.data ?? null;
  }

  private async update(
    entry: StoredDocument<OutboxEntry<Notice>>,
    patch: Partial<OutboxEntry<Notice>>,
  ): Promise<StoredDocument<OutboxEntry<Notice>> | null> {
    try {
      return await this.entries.replace(entry.id, { ...entry.data, ...patch }, entry.version);
    } catch (error) {
      // Written since by another dispatcher, or by a newer leader (fenced writes): no longer ours.
      if (error instanceof VersionConflict || error instanceof StaleFence) return null;
      throw error;
    }
  }
}
