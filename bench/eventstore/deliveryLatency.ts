import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import type { Contender } from './contenders.ts';
import { benchEvent } from './workload.ts';

const SAMPLES = 300;
const INTERVAL_MS = 10;
const STREAMS = 100;

/**
 * Appends one event every few milliseconds (synchronous FULL) while a subscriber in another process
 * records how long each took from just before `append` to its delivery there. Returns milliseconds;
 * empty when the measurement failed.
 */
export async function deliveryLatencies(contender: Contender, directory: string): Promise<number[]> {
  const file = join(directory, 'latency.db');
  const store = await contender.open(file, 'FULL');
  const child = spawn(
    process.execPath,
    [
      '--import',
      'tsx',
      join(import.meta.dirname, 'subscriber.ts'),
      contender.subscriberKind,
      file,
      String(SAMPLES),
    ],
    { stdio: ['ignore', 'pipe', 'inherit'] },
  );
  const closed = once(child, 'close');
  const lines = createInterface({ input: child.stdout })[Symbol.asyncIterator]();
  const deadline = setTimeout(() => child.kill('SIGKILL'), 60_000);
  try {
    await store.append('claim-warmup', [
      { ...benchEvent(), data: { ...benchEvent().data, sentAt: Number.NaN } },
    ]);
    for (let line = await lines.next(); line.value !== 'ready'; line = await lines.next()) {
      if (line.done === true) throw new Error('the subscriber exited before it was ready');
    }
    for (let i = 0; i < SAMPLES; i += 1) {
      await store.append(`claim-${i % STREAMS}`, [benchEvent()]);
      await new Promise((resolve) => setTimeout(resolve, INTERVAL_MS));
    }
    const report = await lines.next();
    if (report.done === true) throw new Error('the subscriber exited without reporting');
    return JSON.parse(report.value) as number[];
  } catch (error) {
    process.stderr.write(
      `  ${contender.name} failed: ${error instanceof Error ? error.message : String(error)}\n`,
    );
    return [];
  } finally {
    clearTimeout(deadline);
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
    await closed;
    await store.close();
  }
}
