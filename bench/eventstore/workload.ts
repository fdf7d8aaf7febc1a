import { randomUUID } from 'node:crypto';

/** The event every contender writes: about 250 bytes of JSON, like a claim event with a note. */
export interface BenchEvent {
  readonly id: string;
  readonly type: 'ClaimNoted';
  readonly data: {
    readonly claimId: string;
    readonly note: string;
    readonly amountKopecks: number;
    readonly sentAt: number;
  };
}

export function benchEvent(): BenchEvent {
  return {
    id: randomUUID(),
    type: 'ClaimNoted',
    data: {
      claimId: randomUUID(),
      note: 'Клиент приложил фото повреждений и справку о ДТП.'.padEnd(120, '.'),
      amountKopecks: 12_345_600,
      sentAt: wallClockMs(),
    },
  };
}

/** Milliseconds on a clock that processes on one machine share, with sub-millisecond resolution. */
export function wallClockMs(): number {
  return performance.timeOrigin + performance.now();
}

/** Runs `operation` back to back for `seconds`, after a warm-up, and returns how many ran per second. */
export async function ratePerSecond(seconds: number, operation: () => Promise<number>): Promise<number> {
  const warmUpEnd = performance.now() + 300;
  while (performance.now() < warmUpEnd) await operation();
  let done = 0;
  const started = performance.now();
  const end = started + seconds * 1000;
  while (performance.now() < end) done += await operation();
  return done / ((performance.now() - started) / 1000);
}

/** Runs `workers` loops of `operation` concurrently for `seconds` and returns operations per second. */
export async function concurrentRatePerSecond(
  seconds: number,
  workers: number,
  operation: (worker: number) => Promise<void>,
): Promise<number> {
  let done = 0;
  const started = performance.now();
  const end = started + seconds * 1000;
  await Promise.all(
    Array.from({ length: workers }, async (_, worker) => {
      while (performance.now() < end) {
        await operation(worker);
        done += 1;
      }
    }),
  );
  return done / ((performance.now() - started) / 1000);
}

export function percentile(values: readonly number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? Number.NaN;
}
