/**
 * Appends `count` events to a few shared streams from several concurrent workers, each time at the
 * revision it last read, retrying on WrongExpectedRevision. Waits for `go` on stdin so that two of these start together. Prints one
 * JSON line: the ids it appended, how many conflicts it met and any other failure.
 */
import { randomUUID } from 'node:crypto';
import { once } from 'node:events';
import { SqliteEventStore, WrongExpectedRevision } from '@cabinet/platform/eventstore';

const WORKERS = 5;
const [file, name, countArgument, streamCount] = process.argv.slice(2);
if (file === undefined || name === undefined || countArgument === undefined || streamCount === undefined) {
  throw new Error('usage: contendingAppender <file> <name> <count> <streams>');
}

const store = new SqliteEventStore({ file });
const appended: string[] = [];
const failures: string[] = [];
let conflicts = 0;

async function appendOne(sequence: number): Promise<void> {
  const stream = `shared-${sequence % Number(streamCount)}`;
  for (;;) {
    const [last] = await store.read(stream, { direction: 'backwards', maxCount: 1 });
    const id = randomUUID();
    try {
      await store.append(
        stream,
        [
          {
            id,
            type: 'Appended',
            data: { by: name, sequence },
            metadata: { schemaVersion: 1, actor: `system:${name}`, correlationId: id, causationId: null },
          },
        ],
        { expectedRevision: last?.revision ?? 'no_stream' },
      );
      appended.push(id);
      return;
    } catch (error) {
      if (!(error instanceof WrongExpectedRevision)) throw error;
      conflicts += 1;
    }
  }
}

process.stdout.write('ready\n');
process.stdin.setEncoding('utf8');
await once(process.stdin, 'data');
try {
  await Promise.all(
    Array.from({ length: WORKERS }, async (_, worker) => {
      for (let sequence = worker; sequence < Number(countArgument); sequence += WORKERS)
        await appendOne(sequence);
    }),
  );
} catch (error) {
  failures.push(
    error instanceof Error
      ? `${error.name}: ${error.message} ${'code' in error ? String(error.code) : ''}`
      : String(error),
  );
}
await store.close();
process.stdout.write(`${JSON.stringify({ appended, conflicts, failures })}\n`);
process.exit(0);
