/**
 * Appends to a few streams as fast as it can, one loop per stream so appends are group-committed,
 * and prints `ack <stream> <revision> <eventId>` only after an append is acknowledged. Linux writes
 * to a pipe synchronously, so every printed line reached the parent before a SIGKILL can land.
 */
import { randomUUID } from 'node:crypto';
import { SqliteEventStore } from '@cabinet/platform/eventstore';

const [file, streamCount] = process.argv.slice(2);
if (file === undefined || streamCount === undefined)
  throw new Error('usage: ackingAppender <file> <streams>');

const store = new SqliteEventStore({ file, synchronous: 'FULL' });

async function appendForever(stream: string): Promise<never> {
  const [last] = await store.read(stream, { direction: 'backwards', maxCount: 1 });
  let revision: bigint | 'no_stream' = last?.revision ?? 'no_stream';
  for (;;) {
    const id = randomUUID();
    const result = await store.append(
      stream,
      [
        {
          id,
          type: 'Ticked',
          data: { after: String(revision) },
          metadata: { schemaVersion: 1, actor: 'system:crash-test', correlationId: id, causationId: null },
        },
      ],
      { expectedRevision: revision },
    );
    revision = result.nextRevision;
    process.stdout.write(`ack ${stream} ${revision} ${id}\n`);
  }
}

process.stdout.write('ready\n');
await Promise.all(Array.from({ length: Number(streamCount) }, (_, i) => appendForever(`crash-${i}`)));
