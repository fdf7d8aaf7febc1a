import Database from 'better-sqlite3';
import { ratePerSecond } from './workload.ts';

/**
 * How many durable commits per second this disk allows right now: one-row transactions through
 * better-sqlite3 in WAL mode with synchronous FULL, with no event store logic at all. Single appends
 * cannot beat it, so it puts the single-append rows in context on a shared, busy machine.
 */
export async function durableCommitsPerSecond(file: string, seconds: number): Promise<number> {
  const db = new Database(file);
  try {
    db.pragma('journal_mode = WAL');
    db.pragma('synchronous = FULL');
    db.exec('CREATE TABLE commits (id INTEGER PRIMARY KEY, body TEXT NOT NULL)');
    const insert = db.prepare('INSERT INTO commits (body) VALUES (?)');
    const commitOne = db.transaction(() => insert.run('x'.repeat(250)));
    return await ratePerSecond(seconds, () => {
      commitOne.immediate();
      return Promise.resolve(1);
    });
  } finally {
    db.close();
  }
}
