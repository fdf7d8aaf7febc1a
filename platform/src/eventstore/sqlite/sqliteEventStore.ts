import type { Database, Statement } from 'better-sqlite3';
import type {
  AppendResult,
  EventStore,
  ExpectedRevision,
  NewEvent,
  ReadAllOptions,
  ReadStreamOptions,
  RecordedEvent,
  SubscribeOptions,
  SubscriptionMessage,
} from '../port.ts';
import { WrongExpectedRevision } from '../port.ts';
import { noUpcasting, type UpcasterRegistry } from '../upcasting.ts';
import { CommitWatcher } from './commitWatcher.ts';
import { categoryColumn, createEventSchema } from './eventSchema.ts';
import { openSqlite, type SqliteSynchronous } from './openSqlite.ts';
import { promised } from './promised.ts';
import { decodePosition, encodePosition } from './sqlitePosition.ts';

export interface SqliteEventStoreOptions {
  readonly file: string;
  /** FULL (default): an acknowledged append survives power loss. NORMAL: it may not, but is faster. */
  readonly synchronous?: SqliteSynchronous;
  readonly upcasters?: UpcasterRegistry;
  readonly now?: () => Date;
  /** How often a waiting subscription checks for commits made by other connections. */
  readonly pollIntervalMs?: number;
}

interface EventRow {
  readonly position: number;
  readonly stream: string;
  readonly revision: number;
  readonly event_id: string;
  readonly type: string;
  readonly data: string;
  readonly schema_version: number;
  readonly actor: string;
  readonly correlation_id: string;
  readonly causation_id: string | null;
  readonly recorded_at: number;
}

interface PendingAppend {
  readonly stream: string;
  readonly events: readonly NewEvent[];
  readonly expectedRevision: ExpectedRevision;
  readonly resolve: (result: AppendResult) => void;
  readonly reject: (error: unknown) => void;
}

type Outcome =
  { readonly ok: true; readonly result: AppendResult } | { readonly ok: false; readonly error: unknown };

const EVENT_COLUMNS =
  'position, stream, revision, event_id, type, data, schema_version, actor, correlation_id, causation_id, recorded_at';
const SUBSCRIPTION_PAGE = 500;

/**
 * The embedded event store. Appends that arrive while the event loop is busy are committed together
 * (group commit): one `BEGIN IMMEDIATE … COMMIT`, hence one fsync, for all of them, each inside its
 * own savepoint so that a conflict rolls back and fails only that append.
 */
export class SqliteEventStore implements EventStore {
  private readonly db: Database;
  private readonly upcasters: UpcasterRegistry;
  private readonly now: () => Date;
  private readonly watcher: CommitWatcher;
  private pending: PendingAppend[] = [];
  private flushScheduled = false;
  private closed = false;

  private readonly statements: {
    readonly begin: Statement;
    readonly commit: Statement;
    readonly rollback: Statement;
    readonly savepoint: Statement;
    readonly release: Statement;
    readonly rollbackToSavepoint: Statement;
    readonly currentRevision: Statement<[string], number | null>;
    readonly revisionOfEventId: Statement<[string, string], number>;
    readonly eventsFromRevision: Statement<[string, number, number], Pick<EventRow, 'position' | 'event_id'>>;
    readonly insert: Statement<
      [string, string | null, number, string, string, string, number, string, string, string | null, number]
    >;
    readonly readForwards: Statement<[string, number, number], EventRow>;
    readonly readBackwards: Statement<[string, number, number], EventRow>;
    readonly readAll: Statement<[number, number], EventRow>;
    readonly readCategory: Statement<[string, number, number], EventRow>;
    readonly readCategories: Statement<[string, number, number], EventRow>;
  };

  constructor(options: SqliteEventStoreOptions) {
    this.db = openSqlite(options.file, options.synchronous ?? 'FULL');
    createEventSchema(this.db);
    this.upcasters = options.upcasters ?? noUpcasting;
    this.now = options.now ?? (() => new Date());
    const db = this.db;
    this.statements = {
      begin: db.prepare('BEGIN IMMEDIATE'),
      commit: db.prepare('COMMIT'),
      rollback: db.prepare('ROLLBACK'),
      savepoint: db.prepare('SAVEPOINT append'),
      release: db.prepare('RELEASE append'),
      rollbackToSavepoint: db.prepare('ROLLBACK TO append'),
      currentRevision: db
        .prepare<[string], number | null>('SELECT max(revision) FROM events WHERE stream = ?')
        .pluck(),
      revisionOfEventId: db
        .prepare<[string, string], number>('SELECT revision FROM events WHERE stream = ? AND event_id = ?')
        .pluck(),
      eventsFromRevision: db.prepare(
        'SELECT position, event_id FROM events WHERE stream = ? AND revision >= ? ORDER BY revision LIMIT ?',
      ),
      insert: db.prepare(
        `INSERT INTO events (stream, category, revision, event_id, type, data, schema_version, actor,
           correlation_id, causation_id, recorded_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      ),
      readForwards: db.prepare(
        `SELECT ${EVENT_COLUMNS} FROM events WHERE stream = ? AND revision >= ? ORDER BY revision LIMIT ?`,
      ),
      readBackwards: db.prepare(
        `SELECT ${EVENT_COLUMNS} FROM events WHERE stream = ? AND revision <= ? ORDER BY revision DESC LIMIT ?`,
      ),
      readAll: db.prepare(`SELECT ${EVENT_COLUMNS} FROM events WHERE position > ? ORDER BY position LIMIT ?`),
      readCategory: db.prepare(
        `SELECT ${EVENT_COLUMNS} FROM events WHERE category = ? AND position > ? ORDER BY position LIMIT ?`,
      ),
      readCategories: db.prepare(
        `SELECT ${EVENT_COLUMNS} FROM events
         WHERE category IN (SELECT value FROM json_each(?)) AND position > ? ORDER BY position LIMIT ?`,
      ),
    };
    const dataVersion = db.prepare<[], number>('PRAGMA data_version').pluck();
    this.watcher = new CommitWatcher(() => dataVersion.get() ?? 0, options.pollIntervalMs ?? 20);
  }

  append(
    stream: string,
    events: readonly NewEvent[],
    options: { expectedRevision: ExpectedRevision },
  ): Promise<AppendResult> {
    if (this.closed) return Promise.reject(new Error('event store is closed'));
    if (events.length === 0) return Promise.reject(new Error(`append to ${stream} needs at least one event`));
    return new Promise((resolve, reject) => {
      this.pending.push({ stream, events, expectedRevision: options.expectedRevision, resolve, reject });
      if (this.flushScheduled) return;
      this.flushScheduled = true;
      setImmediate(() => this.flush());
    });
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
      return rows.map((row) => this.toEvent(row));
    });
  }

  readAll(options: ReadAllOptions): Promise<RecordedEvent[]> {
    return promised(() => {
      const after = options.after === undefined ? 0 : decodePosition(options.after);
      return this.readAllRows(after, options.categories, limitOf(options.maxCount)).map((row) =>
        this.toEvent(row),
      );
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
        const event = this.toEvent(row);
        yield { kind: 'event', event };
        after = row.position;
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

  private stopped(signal: AbortSignal | undefined): boolean {
    return this.closed || signal?.aborted === true;
  }

  close(): Promise<void> {
    if (this.closed) return Promise.resolve();
    if (this.pending.length > 0) this.flush();
    this.closed = true;
    this.watcher.stop();
    this.db.close();
    return Promise.resolve();
  }

  private flush(): void {
    this.flushScheduled = false;
    const group = this.pending;
    this.pending = [];
    if (group.length === 0) return;
    let outcomes: Outcome[];
    try {
      this.statements.begin.run();
      outcomes = group.map((append) => this.appendInSavepoint(append));
      this.statements.commit.run();
    } catch (error) {
      if (this.db.inTransaction) this.statements.rollback.run();
      for (const append of group) append.reject(error);
      return;
    }
    group.forEach((append, index) => {
      const outcome = outcomes[index];
      if (outcome?.ok === true) append.resolve(outcome.result);
      else append.reject(outcome?.error);
    });
    this.watcher.notify();
  }

  private appendInSavepoint(append: PendingAppend): Outcome {
    this.statements.savepoint.run();
    try {
      const result = this.appendInTransaction(append.stream, append.events, append.expectedRevision);
      this.statements.release.run();
      return { ok: true, result };
    } catch (error) {
      this.statements.rollbackToSavepoint.run();
      this.statements.release.run();
      return { ok: false, error };
    }
  }

  private appendInTransaction(
    stream: string,
    events: readonly NewEvent[],
    expected: ExpectedRevision,
  ): AppendResult {
    const first = events[0] as NewEvent;
    const current = this.statements.currentRevision.get(stream) ?? null;
    const retriedFrom = this.statements.revisionOfEventId.get(stream, first.id);
    if (retriedFrom !== undefined) return this.retried(stream, events, expected, retriedFrom, current);
    const actual = current === null ? 'no_stream' : BigInt(current);
    if (!satisfies(expected, actual)) throw new WrongExpectedRevision(stream, expected, actual);

    const category = categoryColumn(stream);
    const recordedAt = this.now().getTime();
    let revision = current ?? -1;
    let position = 0;
    try {
      for (const event of events) {
        revision += 1;
        const { metadata } = event;
        const inserted = this.statements.insert.run(
          stream,
          category,
          revision,
          event.id,
          event.type,
          JSON.stringify(event.data),
          metadata.schemaVersion,
          metadata.actor,
          metadata.correlationId,
          metadata.causationId,
          recordedAt,
        );
        position = Number(inserted.lastInsertRowid);
      }
    } catch (error) {
      if (isUniqueViolation(error)) throw new WrongExpectedRevision(stream, expected, actual);
      throw error;
    }
    return { nextRevision: BigInt(revision), position: encodePosition(position) };
  }

  /**
   * The first event id is already in the stream: this is a retry. It succeeds, writing nothing, only
   * when the whole batch sits where the expected revision would have put it.
   */
  private retried(
    stream: string,
    events: readonly NewEvent[],
    expected: ExpectedRevision,
    firstRevision: number,
    current: number | null,
  ): AppendResult {
    const conflict = () =>
      new WrongExpectedRevision(stream, expected, current === null ? 'no_stream' : BigInt(current));
    const expectedFirst =
      typeof expected === 'bigint' ? expected + 1n : expected === 'no_stream' ? 0n : undefined;
    if (expectedFirst !== undefined && expectedFirst !== BigInt(firstRevision)) throw conflict();
    const stored = this.statements.eventsFromRevision.all(stream, firstRevision, events.length);
    const sameBatch =
      stored.length === events.length && stored.every((row, i) => row.event_id === events[i]?.id);
    const last = stored.at(-1);
    if (!sameBatch || last === undefined) throw conflict();
    return {
      nextRevision: BigInt(firstRevision + events.length - 1),
      position: encodePosition(last.position),
    };
  }

  private readAllRows(after: number, categories: readonly string[] | undefined, limit: number): EventRow[] {
    if (categories === undefined) return this.statements.readAll.all(after, limit);
    const [only] = categories;
    if (categories.length === 1 && only !== undefined)
      return this.statements.readCategory.all(only, after, limit);
    return this.statements.readCategories.all(JSON.stringify(categories), after, limit);
  }

  private toEvent(row: EventRow): RecordedEvent {
    return this.upcasters.upcast({
      id: row.event_id,
      stream: row.stream,
      revision: BigInt(row.revision),
      position: encodePosition(row.position),
      type: row.type,
      data: JSON.parse(row.data) as unknown,
      metadata: {
        schemaVersion: row.schema_version,
        actor: row.actor,
        correlationId: row.correlation_id,
        causationId: row.causation_id,
      },
      recordedAt: new Date(row.recorded_at),
    });
  }
}

function satisfies(expected: ExpectedRevision, actual: bigint | 'no_stream'): boolean {
  switch (expected) {
    case 'any':
      return true;
    case 'no_stream':
      return actual === 'no_stream';
    case 'stream_exists':
      return actual !== 'no_stream';
    default:
      return actual === expected;
  }
}

function limitOf(maxCount: number | undefined): number {
  if (maxCount === undefined) return -1;
  if (!Number.isSafeInteger(maxCount) || maxCount < 0)
    throw new RangeError(`maxCount must be a natural number, got ${maxCount}`);
  return maxCount;
}

function revisionBound(revision: bigint | undefined, fallback: number): number {
  if (revision === undefined) return fallback;
  return revision > BigInt(Number.MAX_SAFE_INTEGER) ? Number.MAX_SAFE_INTEGER : Number(revision);
}

function isUniqueViolation(error: unknown): boolean {
  return error instanceof Error && 'code' in error && error.code === 'SQLITE_CONSTRAINT_UNIQUE';
}
