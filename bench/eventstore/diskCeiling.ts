import { DatabaseSync } from 'node:sqlite';
import { ratePerSecond } from './workload.ts';

/**
 * How many durable commits per second this disk allows right now: one-row transactions through
 * node:sqlite in WAL mode with synchronous FULL, with no event store logic at all. Single appends
 * cannot beat it, so it puts the single-append rows in context on a shared, busy machine.
 */
export async function durableCommitsPerSecond(file: string, seconds: number): Promise<number> {
  const db = new DatabaseSync(file);
  try {
    db.exec('PRAGMA journal_mode = WAL');
    db.exec('PRAGMA synchronous = FULL');
    db.exec('CREATE TABLE commits (id INTEGER PRIMARY KEY, body TEXT NOT NULL)');
    const begin = db.prepare('BEGIN IMMEDIATE');
    const insert = db.prepare('INSERT INTO commits (body) VALUES (?)');
    const commit = db.prepare('COMMIT');
    return await ratePerSecond(seconds, () => {
      begin.run();
      insert.run('x'.repeat(250));
      commit.run();
      return Promise.resolve(1);
    });
  } finally {
    db.close();
  }
}
