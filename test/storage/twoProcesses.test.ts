import { join } from 'node:path';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import type { RecordedEvent } from '@cabinet/platform/eventstore';
import { SqliteEventStore } from '@cabinet/platform/eventstore';
import { tempDirectory } from '../contract/support/tempDirectory.ts';
import { startChild, stopChild, type Child } from './children/childProcess.ts';

const PER_PROCESS = 300;
const STREAMS = 3;
const contender = join(import.meta.dirname, 'children', 'contendingAppender.ts');

interface Report {
  readonly appended: string[];
  readonly conflicts: number;
  readonly failures: string[];
}

describe('two processes appending to the same SQLite streams', () => {
  const directory = tempDirectory('eventstore-two-processes');
  const file = directory.file('events.db');
  const children: Child[] = [];

  afterEach(async () => {
    await Promise.all(children.map(stopChild));
  });
  afterAll(() => directory.remove());

  it(
    'loses and duplicates nothing, reports conflicts as WrongExpectedRevision, and a third process sees every append in order',
    { timeout: 60_000 },
    async () => {
      const observer = new SqliteEventStore({ file });
      const abort = new AbortController();
      const observed: RecordedEvent[] = [];
      const observing = (async () => {
        for await (const message of observer.subscribe({ categories: ['shared'], signal: abort.signal })) {
          if (message.kind === 'event') observed.push(message.event);
          if (observed.length === 2 * PER_PROCESS) abort.abort();
        }
      })();

      children.push(
        startChild(contender, [file, 'first', String(PER_PROCESS), String(STREAMS)]),
        startChild(contender, [file, 'second', String(PER_PROCESS), String(STREAMS)]),
      );
      await Promise.all(children.map((child) => child.waitForLine((line) => line === 'ready')));
      for (const child of children) child.process.stdin.write('go\n');
      const reports = await Promise.all(
        children.map(async (child) => {
          const line = await child.waitForLine((candidate) => candidate.startsWith('{'));
          const { code } = await child.exited;
          expect(code, child.stderr()).toBe(0);
          return JSON.parse(line) as Report;
        }),
      );
      await observing;

      for (const report of reports) {
        expect(report.failures).toEqual([]);
        expect(report.appended).toHaveLength(PER_PROCESS);
      }
      expect(reports.reduce((sum, report) => sum + report.conflicts, 0)).toBeGreaterThan(0);
      const reported = reports.flatMap((report) => report.appended);
      const inLog = await observer.readAll({ maxCount: 10 * PER_PROCESS });
      expect(new Set(inLog.map((event) => event.id))).toEqual(new Set(reported));
      expect(inLog).toHaveLength(2 * PER_PROCESS);
      for (let i = 0; i < STREAMS; i += 1) {
        const stream = await observer.read(`shared-${i}`);
        expect(stream.map((event) => event.revision)).toEqual(stream.map((_, revision) => BigInt(revision)));
      }
      expect(observed.map((event) => event.id)).toEqual(inLog.map((event) => event.id));
      await observer.close();
    },
  );
});
