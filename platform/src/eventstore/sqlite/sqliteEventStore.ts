import type { DatabaseSync } from 'node:sqlite';
import type {
  AppendResult,
  EventStore,
  ExpectedRevision,
  NewEvent,
  Position,
  ReadAllOptions,
  ReadStreamOptions,
  RecordedEvent,
  SubscribeOptions,
  SubscriptionMessage,
} from '../port.ts';
import { appendInTransaction, type AppendRequest } from './appendTransaction.ts';
import { CommitWatcher } from './commitWatcher.ts';
import { positionOf, toRecordedEvent, type EventRow } from './eventRows.ts';
import { createEventSchema } from './eventSchema.ts';
import { EventStatements } from './eventStatements.ts';
import { GroupCommit, type Outcome } from './groupCommit.ts';
import { openSqlite, type SqliteSynchronous } from './openSqlite.ts';
import { promised } from './promised.ts';
import { decodePosition, encodePosition } from './sqlitePosition.ts';

export interface SqliteEventStoreOptions {
  readonly file: string;
  /** FULL (default): an acknowledged append survives power loss. NORMAL: it may not, but is faster. */
  readonly synchronous?: SqliteSynchronous;
  readonly now?: () => Date;
  /** How often a waiting subscription checks for commits made by other connections. */
  readonly pollIntervalMs?: number;
}

const SUBSCRIPTION_PAGE = 500;

/**
 * The embedded event store. Appends that arrive while the event loop is busy are committed together
 * (group commit): one `BEGIN IMMEDIATE … COMMIT`, hence one fsync, for all of them, each inside its
 * own savepoint so that a conflict rolls back and fails only that append.
 */
export class SqliteEventStore implements EventStore {
  private readonly db: DatabaseSync;
  private readonly statements: EventStatements;
  private readonly now: () => Date;
  private readonly watcher: CommitWatcher;
  private readonly appends: GroupCommit<AppendRequest, AppendResult>;
  private closed = false;

  constructor(options: SqliteEventStoreOptions) {
    this.db = openSqlite(options.file, options.synchronous ?? 'FULL');
    createEventSchema(this.db);
    this.statements = new EventStatements(this.db);
    this.now = options.now ?? (() => new Date());
    this.watcher = new CommitWatcher(() => this.statements.dataVersion(), options.pollIntervalMs ?? 20);
    this.appends = new GroupCommit(
      (requests) => this.commitGroup(requests),
      () => this.watcher.notify(),
    );
  }

  append(
    stream: string,
    events: readonly NewEvent[],
    options: { expectedRevision: ExpectedRevision },
  ): Promise<AppendResult> {
    if (this.closed) return Promise.reject(new Error('event store is closed'));
    if (events.length === 0) return Promise.reject(new Error(`append to ${stream} needs at least one event`));
    return this.appends.submit({ stream, events, expectedRevision: options.expectedRevision });
  }

  read(stream: string, options: ReadStreamOptions = {}): Promise<RecordedEvent[]> {
    return promised(() => {
      const limit = limitOf(options.maxCount);
      const rows =
        options.direction === 'backwards'
          ? this.statements.readBackwards.all(
              stream,
              revisionBound(options.fromRevision, Number.MAX_SAFE_INTEGER),
              limit,
            )
          : this.statements.readForwards.all(stream, revisionBound(options.fromRevision, 0), limit);
      return rows.map((row) => toRecordedEvent(row));
    });
  }

  readAll(options: ReadAllOptions): Promise<RecordedEvent[]> {
    return promised(() => {
      const after = options.after === undefined ? 0 : decodePosition(options.after);
      return this.readAllRows(after, options.categories, limitOf(options.maxCount)).map((row) =>
        toRecordedEvent(row),
      );
    });
  }

  headPosition(): Promise<Position | undefined> {
    return promised(() => {
      const head = this.statements.head.get()?.position ?? null;
      return head === null ? undefined : encodePosition(head);
    });
  }

  async *subscribe(options: SubscribeOptions = {}): AsyncGenerator<SubscriptionMessage> {
    const { categories, signal } = options;
    let after = options.after === undefined ? 0 : decodePosition(options.after);
    let lastDelivered = options.after;
    let caughtUp = false;
    while (!this.stopped(signal)) {
      const seen = this.watcher.current;
      const rows = this.readAllRows(after, categories, SUBSCRIPTION_PAGE);
      for (const row of rows) {
        const event = toRecordedEvent(row);
        yield { kind: 'event', event };
        after = positionOf(row);
        lastDelivered = event.position;
        if (this.stopped(signal)) return;
      }
      if (rows.length === SUBSCRIPTION_PAGE) continue;
      if (!caughtUp) {
        caughtUp = true;
        yield { kind: 'caughtUp', position: lastDelivered };
      }
      await this.watcher.wait(seen, signal);
    }
  }

  close(): Promise<void> {
    if (this.closed) return Promise.resolve();
    this.appends.flush();
    this.closed = true;
    this.watcher.stop();
    this.db.close();
    return Promise.resolve();
  }

  /**
   * One durable transaction for the whole group. A lone append needs no savepoint: if it fails, the
   * transaction holds nothing else and is rolled back whole.
   */
  private commitGroup(requests: readonly AppendRequest[]): Outcome<AppendResult>[] {
    const { statements } = this;
    const recordedAt = this.now().getTime();
    const isolated = requests.length > 1;
    statements.begin.run();
    try {
      const outcomes = requests.map((request) => this.appendOne(request, recordedAt, isolated));
      if (outcomes.some((outcome) => outcome.ok)) statements.commit.run();
      else statements.rollback.run();
      return outcomes;
    } catch (error) {
      if (this.db.isTransaction) statements.rollback.run();
      throw error;
    }
  }

  private appendOne(request: AppendRequest, recordedAt: number, isolated: boolean): Outcome<AppendResult> {
    const { statements } = this;
    if (isolated) statements.savepoint.run();
    try {
      const result = appendInTransaction(statements, request, recordedAt);
      if (isolated) statements.release.run();
      return { ok: true, result };
    } catch (error) {
      if (isolated) {
        statements.rollbackToSavepoint.run();
        statements.release.run();
      }
      return { ok: false, error };
    }
  }

  private readAllRows(after: number, categories: readonly string[] | undefined, limit: number): EventRow[] {
    if (categories === undefined) return this.statements.readAll.all(after, limit);
    const [only] = categories;
    if (categories.length === 1 && only !== undefined)
      return this.statements.readCategory.all(only, after, limit);
    return this.statements.readCategories.all(JSON.stringify(categories), after, limit);
  }

  private stopped(signal: AbortSignal | undefined): boolean {
    return this.closed || signal?.aborted === true;
  }
}

function limitOf(maxCount: number | undefined): number {
  if (maxCount === undefined) return -1;
  if (!Number.isSafeInteger(maxCount) || maxCount < 0) {
    throw new RangeError(`maxCount must be a natural number, got ${maxCount}`);
  }
  return maxCount;
}

function revisionBound(revision: bigint | undefined, fallback: number): number {
  if (revision === undefined) return fallback;
  return revision > BigInt(Number.MAX_SAFE_INTEGER) ? Number.MAX_SAFE_INTEGER : Number(revision);
}
