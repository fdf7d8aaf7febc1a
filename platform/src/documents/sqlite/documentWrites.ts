import type { DatabaseSync } from 'node:sqlite';
import { GroupCommit, type Outcome } from '../../eventstore/sqlite/groupCommit.ts';

type Write = () => unknown;

/**
 * The writes of one database file, committed together: those submitted during one turn of the event
 * loop run in one transaction on the next, so a burst of writes (read models, checkpoints, counters of
 * many requests at once) costs one sync to disk instead of one each. Each write still succeeds or
 * fails alone (a failed statement undoes only itself), and its promise settles only once committed.
 */
export class DocumentWrites {
  private readonly group: GroupCommit<Write, unknown>;

  constructor(private readonly db: DatabaseSync) {
    this.group = new GroupCommit(
      (writes) => this.commit(writes),
      () => undefined,
    );
  }

  submit<R>(write: () => R): Promise<R> {
    return this.group.submit(write) as Promise<R>;
  }

  /** Commits whatever is waiting now, e.g. before the database closes. */
  flush(): void {
    this.group.flush();
  }

  private commit(writes: readonly Write[]): Outcome<unknown>[] {
    if (!this.db.isOpen) throw new Error('database is not open');
    this.db.exec('BEGIN IMMEDIATE');
    try {
      const outcomes = writes.map((write): Outcome<unknown> => {
        try {
          return { ok: true, result: write() };
        } catch (error) {
          return { ok: false, error };
        }
      });
      this.db.exec('COMMIT');
      return outcomes;
    } catch (error) {
      if (this.db.isTransaction) this.db.exec('ROLLBACK');
      throw error;
    }
  }
}
