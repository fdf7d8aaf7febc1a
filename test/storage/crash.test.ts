import { join } from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { SqliteEventStore } from '@cabinet/platform/eventstore';
import { tempDirectory } from '../contract/support/tempDirectory.ts';
import { startChild, stopChild, type Child } from './children/childProcess.ts';

const KILLS = 20;
/**
 * Twenty child start-ups take seconds on an idle machine and 90 s on a busy two-core one (load
 * average 12 plus two CPU hogs); the limit only stops a hang.
 */
const TIME_LIMIT_MS = 300_000;
const STREAMS = 4;
const appender = join(import.meta.dirname, 'children', 'ackingAppender.ts');

interface Ack {
  readonly stream: string;
  readonly revision: bigint;
  readonly id: string;
}

function acksOf(lines: readonly string[]): Ack[] {
  return lines
    .filter((line) => line.startsWith('ack '))
    .map((line) => {
      const [, stream = '', revision = '', id = ''] = line.split(' ');
      return { stream, revision: BigInt(revision), id };
    });
}

function integrityOf(file: string): unknown {
  const db = new DatabaseSync(file, { readOnly: true });
  try {
    return db.prepare('PRAGMA integrity_check').get()?.['integrity_check'];
  } finally {
    db.close();
  }
}

describe('SQLite event store killed with SIGKILL while appending (synchronous FULL)', () => {
  const directory = tempDirectory('eventstore-crash');
  const file = directory.file('events.db');
  let running: Child | undefined;

  afterEach(async () => {
    if (running !== undefined) await stopChild(running);
  });
  afterAll(() => directory.remove());

  it(
    `keeps every acknowledged append, gap-free, across ${KILLS} kills at random moments`,
    { timeout: TIME_LIMIT_MS },
    async () => {
      const acknowledged: Ack[] = [];

      for (let kill = 1; kill <= KILLS; kill += 1) {
        running = startChild(appender, [file, String(STREAMS)]);
        await running.waitForLine((line) => line.startsWith('ack '));
        // Not a wait for anything: the kill lands at a random moment among the appends.
        await new Promise((resolve) => setTimeout(resolve, Math.random() * 150));
        running.process.kill('SIGKILL');
        const { signal } = await running.exited;
        expect(signal, running.stderr()).toBe('SIGKILL');
        acknowledged.push(...acksOf(running.lines));
        running = undefined;

        expect(integrityOf(file)).toBe('ok');
        const store = new SqliteEventStore({ file });
        try {
          for (let i = 0; i < STREAMS; i += 1) {
            const stream = `crash-${i}`;
            const events = await store.read(stream);
            expect(events.map((event) => event.revision)).toEqual(
              events.map((_, revision) => BigInt(revision)),
            );
            const stored = new Map(events.map((event) => [event.revision, event.id]));
            const missing = acknowledged.filter(
              (ack) => ack.stream === stream && stored.get(ack.revision) !== ack.id,
            );
            expect(missing, `after kill ${kill}`).toEqual([]);
          }
        } finally {
          await store.close();
        }
      }

      expect(acknowledged.length).toBeGreaterThan(KILLS);
    },
  );
});
