import type { Database, Statement } from 'better-sqlite3';
import type { NewEvent } from '../port.ts';
import { EVENT_COLUMNS, type EventRow } from './eventRows.ts';

/** Enough rows per INSERT to cut per-statement overhead, few enough to keep the cache of statements small. */
const ROWS_PER_INSERT = 16;
const COLUMNS_PER_ROW = 11;

/** Every statement the event store runs, prepared once per connection. */
export class EventStatements {
  readonly begin: Statement;
  readonly commit: Statement;
  readonly rollback: Statement;
  readonly savepoint: Statement;
  readonly release: Statement;
  readonly rollbackToSavepoint: Statement;
  /** The stream's last revision, and where the given event id already sits in it (a retry). */
  readonly streamState: Statement<
    [{ stream: string; eventId: string }],
    { current: number | null; retried: number | null }
  >;
  readonly eventIdsFrom: Statement<[string, number, number], { position: number; event_id: string }>;
  readonly readForwards: Statement<[string, number, number], EventRow>;
  readonly readBackwards: Statement<[string, number, number], EventRow>;
  readonly readAll: Statement<[number, number], EventRow>;
  readonly readCategory: Statement<[string, number, number], EventRow>;
  readonly readCategories: Statement<[string, number, number], EventRow>;
  readonly dataVersion: Statement<[], number>;
  private readonly inserts = new Map<number, Statement<unknown[]>>();

  constructor(private readonly db: Database) {
    this.begin = db.prepare('BEGIN IMMEDIATE');
    this.commit = db.prepare('COMMIT');
    this.rollback = db.prepare('ROLLBACK');
    this.savepoint = db.prepare('SAVEPOINT append');
    this.release = db.prepare('RELEASE append');
    this.rollbackToSavepoint = db.prepare('ROLLBACK TO append');
    this.streamState = db.prepare(
      `SELECT (SELECT max(revision) FROM events WHERE stream = @stream) AS current,
              (SELECT revision FROM events WHERE stream = @stream AND event_id = @eventId) AS retried`,
    );
    this.eventIdsFrom = db.prepare(
      'SELECT position, event_id FROM events WHERE stream = ? AND revision >= ? ORDER BY revision LIMIT ?',
    );
    const select = (where: string, order: string) =>
      db
        .prepare<unknown[], EventRow>(
          `SELECT ${EVENT_COLUMNS} FROM events WHERE ${where} ORDER BY ${order} LIMIT ?`,
        )
        .raw();
    this.readForwards = select('stream = ? AND revision >= ?', 'revision');
    this.readBackwards = select('stream = ? AND revision <= ?', 'revision DESC');
    this.readAll = select('position > ?', 'position');
    this.readCategory = select('category = ? AND position > ?', 'position');
    this.readCategories = select('category IN (SELECT value FROM json_each(?)) AND position > ?', 'position');
    this.dataVersion = db.prepare<[], number>('PRAGMA data_version').pluck();
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
      const values: unknown[] = [];
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
        );
      });
      position = Number(this.insertStatement(chunk.length).run(...values).lastInsertRowid);
    }
    return position;
  }

  private insertStatement(rows: number): Statement<unknown[]> {
    let statement = this.inserts.get(rows);
    if (statement === undefined) {
      const tuple = `(${Array.from({ length: COLUMNS_PER_ROW }, () => '?').join(', ')})`;
      statement = this.db.prepare(
        `INSERT INTO events (stream, category, revision, event_id, type, data, schema_version, actor,
           correlation_id, causation_id, recorded_at) VALUES ${Array.from({ length: rows }, () => tuple).join(', ')}`,
      );
      this.inserts.set(rows, statement);
    }
    return statement;
  }
}
