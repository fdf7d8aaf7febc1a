import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import Database from 'better-sqlite3';

export type SqliteSynchronous = 'FULL' | 'NORMAL';

/**
 * Opens a database file that several processes may share: WAL so readers never block the writer,
 * and a generous busy timeout so a writer waits for `BEGIN IMMEDIATE` instead of failing with
 * SQLITE_BUSY while another process commits.
 */
export function openSqlite(file: string, synchronous: SqliteSynchronous): Database.Database {
  if (file !== ':memory:') mkdirSync(dirname(file), { recursive: true });
  const db = new Database(file);
  db.pragma('busy_timeout = 30000');
  db.pragma('journal_mode = WAL');
  db.pragma(`synchronous = ${synchronous}`);
  return db;
}
