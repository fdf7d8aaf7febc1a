/**
 * Live claim status at scale: N graphql-ws subscribers through the gateway, each a distinct customer
 * following their own claim, while a driver appends 200 status changes per second to random claims.
 * Prints delivery latency from the start of an append to the client, missed and duplicated deliveries,
 * and the growth of the gateway's and claims subgraph's memory per subscriber, each process read after a
 * full garbage collection (the measurement is ../kit/claimStatusRound.ts, which bench/support runs too).
 * Each size runs through our gateway and then through a plain Hive Gateway runtime (./plainGateway.ts,
 * one upstream socket per user token), each round on freshly started gateway and claims processes so
 * neither inherits the other's heap; then the targets with verdicts on our gateway's figures.
 *
 *   npx tsx bench/subscriptions/index.ts [N ...] [--heap-profile DIR]     (default 1000 5000 10000)
 *
 * `--heap-profile DIR` writes each round's sampling heap profiles of the gateway and claims there (see
 * ClaimStatusBenchOptions): where the memory per subscriber goes.
 */
import { mkdir } from 'node:fs/promises';
import { loadavg } from 'node:os';
import { startTestSystem } from '../../test/support/testSystem.ts';
import { launch } from '../../scripts/launcher.ts';
import {
  ourGateway,
  prepareClaimStatusBench,
  type BenchGateway,
  type ClaimRoundFigures,
} from '../kit/claimStatusRound.ts';
import { claimRoundRow, CLAIM_ROUND_HEADER } from '../kit/figuresTable.ts';
import { INSPECTED_ENV, inspectorAddress, isInspectorNotice } from '../kit/inspectedMemory.ts';
import { openFilesLimits, raiseOpenFilesLimit } from '../kit/processMemory.ts';

const args = process.argv.slice(2);
const profileFlag = args.indexOf('--heap-profile');
const heapProfileDir = profileFlag === -1 ? undefined : args.splice(profileFlag, 2)[1];
const SIZES = args.map(Number).filter((n) => n > 0);
const ROUNDS = SIZES.length > 0 ? SIZES : [1_000, 5_000, 10_000];
const BENCH_DEADLINE_MS = 55 * 60_000;
/** Sockets a process keeps open besides those of its subscribers (listeners, stores, logs). */
const SPARE_DESCRIPTORS = 200;
const TARGETS = {
  held: 10_000,
  p99Ms: new Map([
    [1_000, 250],
    [10_000, 1_000],
  ]),
  kibPerSubscriber: 40,
} as const;

const deadline = setTimeout(() => {
  process.stderr.write('bench/subscriptions: deadline passed, stopping\n');
  process.exit(2);
}, BENCH_DEADLINE_MS);
const load = () =>
  loadavg()
    .map((average) => average.toFixed(2))
    .join(' ');

// The plain gateway holds two sockets per subscriber (client and upstream) in one process; the limit
// is raised before anything starts, as the processes started inherit it.
const descriptorsWanted = 2 * Math.max(...ROUNDS) + SPARE_DESCRIPTORS;
const limitsBefore = openFilesLimits();
const raised = raiseOpenFilesLimit(descriptorsWanted);
const descriptorLimit = raised.limit;
process.stdout.write(
  `open files: ${descriptorLimit} may be open (was ${limitsBefore.soft}, hard ${limitsBefore.hard}; ` +
    `the largest plain round needs ${descriptorsWanted})` +
    (raised.refused ? `; raising it was refused: ${raised.refused}` : '') +
    `\nload average at start: ${load()}\n`,
);

// Every simulated customer connects from this one machine: the cap per address is for one real client.
const system = await startTestSystem({
  seedDemoData: false,
  env: { MAX_SUBSCRIPTIONS_PER_IP: String(2 * Math.max(...ROUNDS)) },
});
try {
  if (heapProfileDir !== undefined) await mkdir(heapProfileDir, { recursive: true });
  const bench = await prepareClaimStatusBench(system, Math.max(...ROUNDS), { heapProfileDir });
  process.stdout.write(`prepared ${bench.prepared} claims in progress\n`);
  const plainGateway = async (): Promise<BenchGateway> => {
    const printed: string[] = [];
    const gateway = await launch(
      {
        name: 'plain-gateway',
        entry: 'bench/subscriptions/plainGateway.ts',
        env: {
          CLAIMS_URL: system.services.claims.url,
          POLICY_URL: system.services.policy.url,
          IDENTITY_URL: system.services.identity.url,
          INTERNAL_REQUEST_SECRET: system.internalRequestSecret,
          ...INSPECTED_ENV,
        },
      },
      (service, line, stream) => {
        printed.push(line);
        if (stream === 'stderr' && !isInspectorNotice(line)) process.stderr.write(`[${service}] ${line}\n`);
      },
    );
    return {
      name: 'plain-hive',
      url: gateway.url,
      inspector: await inspectorAddress(() => printed),
      stop: () => gateway.stop(),
    };
  };
  const rows: string[] = [];
  const ours = new Map<number, ClaimRoundFigures>();
  const endings: string[] = [];
  const row = (gateway: string, figures: ClaimRoundFigures) => {
    rows.push(`${claimRoundRow(gateway, figures)} | ${load()}`);
    if (figures.endings.size > 0)
      endings.push(
        `${gateway}, ${figures.subscribers}: ` +
          [...figures.endings].map(([how, count]) => `${how} ×${count}`).join(', '),
      );
  };
  for (const size of ROUNDS) {
    const figures = await bench.round(size, ourGateway(system));
    ours.set(size, figures);
    row('ours', figures);
    process.stdout.write(`ours, ${size} subscribers: done (load average ${load()})\n`);
    if (2 * size + SPARE_DESCRIPTORS <= descriptorLimit) {
      row('plain Hive', await bench.round(size, plainGateway));
      process.stdout.write(`plain Hive, ${size} subscribers: done (load average ${load()})\n`);
    } else
      rows.push(
        `plain Hive | ${size} | not run: needs ${2 * size + SPARE_DESCRIPTORS} descriptors, the process may open ${descriptorLimit}`,
      );
  }
  process.stdout.write(
    [
      '',
      `${CLAIM_ROUND_HEADER} | load average after the round`,
      ...rows,
      '',
      ...(endings.length > 0 ? ['subscriptions that ended before the round did:', ...endings, ''] : []),
      'KiB per subscriber: growth while the subscribers connected, gateway and claims each read after a forced',
      'full GC (HeapProfiler.collectGarbage over the inspector); RSS = resident memory, heap = V8 heap used + external.',
      '',
      'targets (our gateway):',
      ...verdicts(ours),
      `load average at the end: ${load()}`,
      '',
    ].join('\n'),
  );
  await bench.close();
} finally {
  await system.shutdown();
  clearTimeout(deadline);
}

function verdicts(rounds: ReadonlyMap<number, ClaimRoundFigures>): string[] {
  const verdict = (met: boolean) => (met ? 'MET' : 'NOT MET');
  const largest = rounds.get(TARGETS.held);
  const lines = [
    `${TARGETS.held.toLocaleString('en')} held: ` +
      (largest
        ? `${verdict(largest.held >= TARGETS.held)} (${largest.held})`
        : 'not measured (no such round)'),
  ];
  for (const [size, p99Ms] of TARGETS.p99Ms) {
    const figures = rounds.get(size);
    lines.push(
      `p99 ≤ ${p99Ms} ms at ${size.toLocaleString('en')}: ` +
        (figures
          ? `${verdict(figures.p99Ms <= p99Ms)} (${figures.p99Ms.toFixed(1)} ms)`
          : 'not measured (no such round)'),
    );
  }
  for (const [size, figures] of rounds) {
    const rss = Number(figures.kibPerSubscriber.total);
    lines.push(
      `≤ ${TARGETS.kibPerSubscriber} KiB per subscriber (RSS, gateway + claims) at ${size.toLocaleString('en')}: ` +
        `${verdict(rss <= TARGETS.kibPerSubscriber)} (${figures.kibPerSubscriber.total} KiB)`,
    );
  }
  for (const [size, figures] of rounds)
    lines.push(
      `missed = duplicated = 0 at ${size.toLocaleString('en')}: ` +
        `${verdict(figures.missed === 0 && figures.duplicated === 0)} (${figures.missed}, ${figures.duplicated})`,
    );
  return lines;
}
