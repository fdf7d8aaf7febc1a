import type { DatabaseSync } from 'node:sqlite';
import type { NewEvent } from '../port.ts';
import { EVENT_COLUMNS, type EventRow } from './eventRows.ts';
import { typed, typedRows, type Bindable, type TypedStatement } from './typedStatement.ts';

/** Enough rows per INSERT to cut per-statement overhead, few enough to keep the cache of statements small. */
const ROWS_PER_INSERT = 16;
const COLUMNS_PER_ROW = 12;

/** Every statement the event store runs, prepared once per connection. */
export class EventStatements {
  readonly begin: TypedStatement<[], never>;
  readonly commit: TypedStatement<[], never>;
  readonly rollback: TypedStatement<[], never>;
  readonly savepoint: TypedStatement<[], never>;
  readonly release: TypedStatement<[], never>;
  readonly rollbackToSavepoint: TypedStatement<[], never>;
  /** The stream's last revision, and where the given event id already sits in it (a retry). */
  readonly streamState: TypedStatement<
    [{ stream: string; eventId: string }],
    { current: number | null; retried: number | null }
  >;
  readonly eventIdsFrom: TypedStatement<[string, number, number], { position: number; event_id: string }>;
  readonly readForwards: TypedStatement<[string, number, number], EventRow>;
  readonly readBackwards: TypedStatement<[string, number, number], EventRow>;
  readonly readAll: TypedStatement<[number, number], EventRow>;
  readonly readCategory: TypedStatement<[string, number, number], EventRow>;
  readonly readCategories: TypedStatement<[string, number, number], EventRow>;
  readonly head: TypedStatement<[], { position: number | null }>;
  private readonly dataVersionStatement: TypedStatement<[], { data_version: number }>;
  private readonly inserts = new Map<number, TypedStatement<Bindable[], never>>();

  constructor(private readonly db: DatabaseSync) {
    this.begin = typed(db.prepare('BEGIN IMMEDIATE'));
    this.commit = typed(db.prepare('COMMIT'));
    this.rollback = typed(db.prepare('ROLLBACK'));
    this.savepoint = typed(db.prepare('SAVEPOINT append'));
    this.release = typed(db.prepare('RELEASE append'));
    this.rollbackToSavepoint = typed(db.prepare('ROLLBACK TO append'));
    this.streamState = typed(
      db.prepare(
        `SELECT (SELECT max(revision) FROM events WHERE stream = @stream) AS current,
              (SELECT revision FROM events WHERE stream = @stream AND event_id = @eventId) AS retried`,
      ),
    );
    this.eventIdsFrom = typed(
      db.prepare(
        'SELECT position, event_id FROM events WHERE stream = ? AND revision >= ? ORDER BY revision LIMIT ?',
      ),
    );
    const select = <Params extends unknown[]>(where: string, order: string) =>
      typedRows<Params, EventRow>(
        db.prepare(`SELECT ${EVENT_COLUMNS} FROM events WHERE ${where} ORDER BY ${order} LIMIT ?`),
      );
    this.readForwards = select<[string, number, number]>('stream = ? AND revision >= ?', 'revision');
    this.readBackwards = select<[string, number, number]>('stream = ? AND revision <= ?', 'revision DESC');
    this.readAll = select<[number, number]>('position > ?', 'position');
    this.readCategory = select<[string, number, number]>('category = ? AND position > ?', 'position');
    this.readCategories = select<[string, number, number]>(
      'category IN (SELECT value FROM json_each(?)) AND position > ?',
      'position',
    );
    this.head = typed(db.prepare('SELECT max(position) AS position FROM events'));
    this.dataVersionStatement = typed(db.prepare('PRAGMA data_version'));
  }

  /** Changes whenever another connection commits (SQLite's `PRAGMA data_version`). */
  dataVersion(): number {
    return this.dataVersionStatement.get()?.data_version ?? 0;
  }

  /**
   * Inserts the events at consecutive revisions from `firstRevision` and returns the last position.
   * Throws SQLITE_CONSTRAINT_UNIQUE when a revision or event id is taken.
   */
  insertEvents(
    stream: string,
    category: string | null,
    firstRevision: number,
    events: readonly NewEvent[],
    recordedAt: number,
  ): number {
    let position = 0;
    for (let start = 0; start < events.length; start += ROWS_PER_INSERT) {
      const chunk = events.slice(start, start + ROWS_PER_INSERT);
      const values: Bindable[] = [];
      chunk.forEach((event, i) => {
        const { metadata } = event;
        values.push(
          stream,
          category,
          firstRevision + start + i,
          event.id,
          event.type,
          JSON.stringify(event.data),
          metadata.schemaVersion,
          metadata.actor,
          metadata.correlationId,
          metadata.causationId,
          recordedAt,
          metadata.commandFingerprint ?? null,
        );
      });
      position = Number(this.insertStatement(chunk.length).run(...values).lastInsertRowid);
    }
    return position;
  }

  private insertStatement(rows: number): TypedStatement<Bindable[], never> {
    let statement = this.inserts.get(rows);
    if (statement === undefined) {
      const tuple = `(${Array.from({ length: COLUMNS_PER_ROW }, () => '?').join(', ')})`;
      statement = typed(
        this.db.prepare(
          `INSERT INTO events (stream, category, revision, event_id, type, data, schema_version, actor,
             correlation_id, causation_id, recorded_at, command_fingerprint) VALUES ${Array.from({ length: rows }, () => tuple).join(', ')}`,
        ),
      );
      this.inserts.set(rows, statement);
    }
    return statement;
  }
}
