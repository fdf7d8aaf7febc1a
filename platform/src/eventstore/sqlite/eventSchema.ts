import type { DatabaseSync } from 'node:sqlite';

/**
 * One table is the whole log. The stream's current revision is the largest revision in it (found
 * through the unique index), so an append writes only its own rows. AUTOINCREMENT keeps positions
 * from ever being reused; SQLite serialises writers, so commit order is position order.
 * `category` is the stream name before its first '-', or NULL for a name without one, so that a
 * category filter means "streams named `<category>-…`", as on EventStoreDB.
 */
export function createEventSchema(db: DatabaseSync): void {
  db.exec(`
    CREATE TABLE IF NOT EXISTS events (
      position INTEGER PRIMARY KEY AUTOINCREMENT,
      stream TEXT NOT NULL,
      category TEXT,
      revision INTEGER NOT NULL,
      event_id TEXT NOT NULL,
      type TEXT NOT NULL,
      data TEXT NOT NULL,
      schema_version INTEGER NOT NULL,
      actor TEXT NOT NULL,
      correlation_id TEXT NOT NULL,
      causation_id TEXT,
      recorded_at INTEGER NOT NULL,
      command_fingerprint TEXT,
      UNIQUE (stream, revision),
      UNIQUE (stream, event_id)
    );
    CREATE INDEX IF NOT EXISTS events_by_category ON events (category, position);
  `);
  addCommandFingerprintColumn(db);
}

/**
 * A log written before commands had fingerprints gains the column; its old events have none. Another
 * process opening the same log may add it first: then its column is the one wanted.
 */
function addCommandFingerprintColumn(db: DatabaseSync): void {
  const hasColumn = () =>
    db
      .prepare('SELECT name FROM pragma_table_info(?)')
      .all('events')
      .some((column) => column.name === 'command_fingerprint');
  if (hasColumn()) return;
  try {
    db.exec('ALTER TABLE events ADD COLUMN command_fingerprint TEXT');
  } catch (error) {
    if (!hasColumn()) throw error;
  }
}

export function categoryColumn(stream: string): string | null {
  const dash = stream.indexOf('-');
  return dash === -1 ? null : stream.slice(0, dash);
}
