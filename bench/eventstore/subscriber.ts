/**
 * The other process of the delivery-latency measurement: follows the log with the contender's own
 * mechanism, prints `ready` once it is live, then one JSON line with the append→delivery latency of
 * each of the `expected` events that carry a `sentAt`.
 */
import { getSQLiteEventStore } from '@event-driven-io/emmett-sqlite';
import { SqliteEventStore } from '@cabinet/platform/eventstore';
import { wallClockMs } from './workload.ts';

const [kind, file, expectedArgument] = process.argv.slice(2);
if (file === undefined || expectedArgument === undefined)
  throw new Error('usage: subscriber <ours|emmett> <file> <n>');
const expected = Number(expectedArgument);
const latencies: number[] = [];

function received(data: unknown): boolean {
  const sentAt = (data as { sentAt?: unknown }).sentAt;
  if (typeof sentAt === 'number') latencies.push(wallClockMs() - sentAt);
  return latencies.length >= expected;
}

function finish(): never {
  process.stdout.write(`${JSON.stringify(latencies)}\n`);
  process.exit(0);
}

if (kind === 'ours') {
  const store = new SqliteEventStore({ file });
  for await (const message of store.subscribe()) {
    if (message.kind === 'caughtUp') process.stdout.write('ready\n');
    else if (received(message.event.data)) finish();
  }
} else {
  const consumer = getSQLiteEventStore({ fileName: file, schema: { autoMigration: 'None' } }).consumer();
  consumer.processor({
    processorId: 'bench-latency',
    startFrom: 'END',
    eachMessage: (event) => {
      if (received(event.data)) finish();
    },
  });
  void consumer.start();
  setTimeout(() => process.stdout.write('ready\n'), 500);
}
