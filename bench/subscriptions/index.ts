/**
 * Live claim status at scale: N graphql-ws subscribers through the gateway, each a distinct customer
 * following their own claim, while a driver appends 200 status changes per second to random claims.
 * Prints delivery latency from the start of an append to the client, missed and duplicated deliveries,
 * and the gateway's and claims subgraph's resident memory per subscriber (the measurement is
 * ../kit/claimStatusRound.ts, which bench/support runs too). Each size runs through our gateway and then
 * through a plain Hive Gateway runtime (./plainGateway.ts, one upstream socket per user token), each
 * round on freshly started gateway and claims processes so neither inherits the other's heap.
 *
 *   npx tsx bench/subscriptions/index.ts [N ...]     (default 1000 5000 10000)
 */
import { startTestSystem } from '../../test/support/testSystem.ts';
import { launch } from '../../scripts/launcher.ts';
import {
  ourGateway,
  prepareClaimStatusBench,
  type BenchGateway,
  type ClaimRoundFigures,
} from '../kit/claimStatusRound.ts';
import { claimRoundRow, CLAIM_ROUND_HEADER } from '../kit/figuresTable.ts';
import { openFilesLimit } from '../kit/processMemory.ts';

const SIZES = process.argv
  .slice(2)
  .map(Number)
  .filter((n) => n > 0);
const ROUNDS = SIZES.length > 0 ? SIZES : [1_000, 5_000, 10_000];
const BENCH_DEADLINE_MS = 15 * 60_000;
/** Sockets a process keeps open besides those of its subscribers (listeners, stores, logs). */
const SPARE_DESCRIPTORS = 200;

const deadline = setTimeout(() => {
  process.stderr.write('bench/subscriptions: deadline passed, stopping\n');
  process.exit(2);
}, BENCH_DEADLINE_MS);

// Every simulated customer connects from this one machine: the cap per address is for one real client.
const system = await startTestSystem({
  seedDemoData: false,
  env: { MAX_SUBSCRIPTIONS_PER_IP: String(2 * Math.max(...ROUNDS)) },
});
try {
  const bench = await prepareClaimStatusBench(system, Math.max(...ROUNDS));
  process.stdout.write(`prepared ${bench.prepared} claims in progress\n`);
  const plainGateway = async (): Promise<BenchGateway> =>
    launch(
      {
        name: 'plain-gateway',
        entry: 'bench/subscriptions/plainGateway.ts',
        env: {
          CLAIMS_URL: system.services.claims.url,
          POLICY_URL: system.services.policy.url,
          IDENTITY_URL: system.services.identity.url,
          INTERNAL_REQUEST_SECRET: system.internalRequestSecret,
        },
      },
      (service, line, stream) => {
        if (stream === 'stderr') process.stderr.write(`[${service}] ${line}\n`);
      },
    );
  const rows: string[] = [];
  const row = (gateway: string, figures: ClaimRoundFigures) => rows.push(claimRoundRow(gateway, figures));
  const descriptorLimit = openFilesLimit();
  for (const size of ROUNDS) {
    row('ours', await bench.round(size, ourGateway(system)));
    // The plain gateway holds two sockets per subscriber (client and upstream) in one process.
    if (2 * size + SPARE_DESCRIPTORS <= descriptorLimit)
      row('plain Hive', await bench.round(size, plainGateway));
    else
      rows.push(
        `plain Hive | ${size} | not run: needs ${2 * size} sockets, the process may open ${descriptorLimit}`,
      );
  }
  process.stdout.write(
    [
      '',
      CLAIM_ROUND_HEADER,
      ...rows,
      '',
      'targets: 10,000 held; p99 ≤ 250 ms at 1,000; ≤ 50 KiB per subscriber; missed = duplicated = 0',
      '',
    ].join('\n'),
  );
  await bench.close();
} finally {
  await system.shutdown();
  clearTimeout(deadline);
}
