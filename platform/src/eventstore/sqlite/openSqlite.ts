import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { DatabaseSync } from 'node:sqlite';

export type SqliteSynchronous = 'FULL' | 'NORMAL';

/**
 * Opens a database file that several processes may share: WAL so readers never block the writer,
 * and a generous busy timeout so a writer waits for `BEGIN IMMEDIATE` instead of failing with
 * SQLITE_BUSY while another process commits.
 */
export function openSqlite(file: string, synchronous: SqliteSynchronous): DatabaseSync {
  if (file !== ':memory:') mkdirSync(dirname(file), { recursive: true });
  const db = new DatabaseSync(file, { timeout: 30_000 });
  db.exec('PRAGMA journal_mode = WAL');
  db.exec(`PRAGMA synchronous = ${synchronous}`);
  return db;
}

/** SQLite's extended result codes for the constraint failures the stores turn into typed errors. */
const SQLITE_CONSTRAINT_PRIMARYKEY = 1555;
const SQLITE_CONSTRAINT_UNIQUE = 2067;

function extendedCode(error: unknown): number | undefined {
  if (!(error instanceof Error) || !('errcode' in error)) return undefined;
  return typeof error.errcode === 'number' ? error.errcode : undefined;
}

export function isUniqueViolation(error: unknown): error is Error {
  return extendedCode(error) === SQLITE_CONSTRAINT_UNIQUE;
}

export function isPrimaryKeyViolation(error: unknown): error is Error {
  return extendedCode(error) === SQLITE_CONSTRAINT_PRIMARYKEY;
}
