/**
 * Event store benchmark: our SQLite adapter and @event-driven-io/emmett-sqlite side by side, same
 * machine, same workload, same run. The machine is shared, so every throughput row alternates the
 * contenders over several short rounds and reports the median. Files live in a temporary directory
 * that is removed at the end. Run with `npx tsx bench/eventstore/index.ts`.
 */
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { emmett, ours, type BenchStore, type Contender, type Synchronous } from './contenders.ts';
import { deliveryLatencies } from './deliveryLatency.ts';
import { durableCommitsPerSecond } from './diskCeiling.ts';
import { benchEvent, concurrentRatePerSecond, percentile, ratePerSecond } from './workload.ts';

const ROUNDS = 3;
const SECONDS_PER_ROUND = 1;
const STREAMS = 100;
const CONCURRENT_APPENDERS = 50;

interface Row {
  readonly label: string;
  /** The target, or 0 when it sets none; more is better on every throughput row. */
  readonly target: number;
  readonly file: string;
  readonly synchronous: Synchronous;
  /** `round` keeps each round's streams apart, since every round reopens the same file. */
  measure(store: BenchStore, round: number): Promise<number>;
}

function singleAppends(store: BenchStore, round: number): Promise<number> {
  let sequence = 0;
  return ratePerSecond(SECONDS_PER_ROUND, async () => {
    sequence += 1;
    await store.append(`claim-${round}x${sequence % STREAMS}`, [benchEvent()]);
    return 1;
  });
}

const rows: Row[] = [
  {
    label: 'single appends/s, FULL',
    target: 5_000,
    file: 'single-full.db',
    synchronous: 'FULL',
    measure: singleAppends,
  },
  {
    label: 'single appends/s, NORMAL',
    target: 0,
    file: 'single-normal.db',
    synchronous: 'NORMAL',
    measure: singleAppends,
  },
  {
    label: 'events/s in batches of 10, FULL',
    target: 30_000,
    file: 'batch.db',
    synchronous: 'FULL',
    measure: (store, round) => {
      let sequence = 0;
      return ratePerSecond(SECONDS_PER_ROUND, async () => {
        sequence += 1;
        await store.append(`claim-${round}x${sequence % STREAMS}`, Array.from({ length: 10 }, benchEvent));
        return 10;
      });
    },
  },
  {
    label: 'read-all events/s (the batch log)',
    target: 300_000,
    file: 'batch.db',
    synchronous: 'FULL',
    measure: async (store) => {
      const started = performance.now();
      const count = await store.readAll();
      return count / ((performance.now() - started) / 1000);
    },
  },
  {
    label: `appends/s, ${CONCURRENT_APPENDERS} concurrent appenders, FULL`,
    target: 20_000,
    file: 'concurrent.db',
    synchronous: 'FULL',
    measure: (store, round) =>
      concurrentRatePerSecond(SECONDS_PER_ROUND, CONCURRENT_APPENDERS, (worker) =>
        store.append(`claim-${round}x${worker}`, [benchEvent()]),
      ),
  },
];

async function measureRound(
  contender: Contender,
  directory: string,
  row: Row,
  round: number,
): Promise<number> {
  const store = await contender.open(join(directory, row.file), row.synchronous);
  try {
    return await row.measure(store, round);
  } catch (error) {
    process.stderr.write(
      `  ${contender.name} failed: ${error instanceof Error ? error.message : String(error)}\n`,
    );
    return Number.NaN;
  } finally {
    await store.close();
  }
}

function median(values: readonly number[]): number {
  const measured = values.filter(Number.isFinite);
  return measured.length === 0 ? Number.NaN : percentile(measured, 50);
}

function formatNumber(value: number): string {
  if (!Number.isFinite(value)) return 'n/a';
  return value >= 100 ? Math.round(value).toLocaleString('en-US') : value.toFixed(1);
}

function tableRow(
  label: string,
  target: number,
  mine: number,
  peer: number,
  higherIsBetter: boolean,
): string[] {
  const better = (a: number, b: number) => (higherIsBetter ? a >= b : a <= b);
  return [
    label,
    formatNumber(mine),
    target === 0 ? '-' : `${higherIsBetter ? '≥' : '≤'} ${formatNumber(target)}`,
    target === 0 ? '-' : better(mine, target) ? 'met' : 'MISSED',
    formatNumber(peer),
    !Number.isFinite(peer) ? 'peer n/a' : better(mine, peer) ? 'yes' : 'NO',
  ];
}

function printTable(table: readonly string[][]): void {
  const header = ['workload', 'ours', 'target', 'target met', 'emmett-sqlite', 'ours ≥ peer'];
  const widths = header.map((cell, i) => Math.max(cell.length, ...table.map((row) => row[i]?.length ?? 0)));
  const line = (cells: readonly string[]) => cells.map((cell, i) => cell.padEnd(widths[i] ?? 0)).join(' | ');
  process.stdout.write(`\n${line(header)}\n${widths.map((width) => '-'.repeat(width)).join('-|-')}\n`);
  for (const row of table) process.stdout.write(`${line(row)}\n`);
}

async function main(): Promise<void> {
  const root = mkdtempSync(join(tmpdir(), 'bench-eventstore-'));
  const directories = new Map<Contender, string>(
    [ours, emmett].map((contender) => {
      const directory = join(root, contender === ours ? 'ours' : 'emmett');
      mkdirSync(directory);
      return [contender, directory];
    }),
  );
  const directoryOf = (contender: Contender) => directories.get(contender) ?? root;
  try {
    const table: string[][] = [];
    const ceilings: number[] = [];
    for (const row of rows) {
      process.stderr.write(`measuring ${row.label}\n`);
      const mine: number[] = [];
      const peer: number[] = [];
      for (let round = 0; round < ROUNDS; round += 1) {
        if (row.synchronous === 'FULL' && row.target === 5_000) {
          ceilings.push(await durableCommitsPerSecond(join(root, `ceiling-${round}.db`), SECONDS_PER_ROUND));
        }
        mine.push(await measureRound(ours, directoryOf(ours), row, round));
        peer.push(await measureRound(emmett, directoryOf(emmett), row, round));
      }
      table.push(tableRow(row.label, row.target, median(mine), median(peer), true));
    }
    process.stderr.write('measuring append→delivery latency across processes\n');
    const mineLatencies = await deliveryLatencies(ours, directoryOf(ours));
    const peerLatencies = await deliveryLatencies(emmett, directoryOf(emmett));
    for (const [p, target] of [
      [50, 0],
      [99, 100],
    ] as const) {
      const label = `append→delivery in another process, p${p} (ms)`;
      table.push(tableRow(label, target, percentile(mineLatencies, p), percentile(peerLatencies, p), false));
    }
    printTable(table);
    process.stdout.write(
      `\nMedian of ${ROUNDS} alternating rounds of ${SECONDS_PER_ROUND} s per contender and row.\n` +
        `Disk ceiling during the single FULL rounds: ${formatNumber(median(ceilings))} durable one-row commits/s ` +
        '(node:sqlite, WAL, synchronous FULL, no event store logic); no single-append row can exceed it.\n' +
        'emmett-sqlite runs on one persistent connection of its own (its facade opens one per call) with ' +
        'synchronous set on it, its best configuration; its subscriber is its own consumer (50 ms polling).\n',
    );
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
}

await main();
