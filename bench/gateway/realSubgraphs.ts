/**
 * Our gateway against Apollo Gateway on the same supergraph, the same subgraph processes and the same
 * machine, in the same run. Closed load (fixed connections) on a cross-subgraph query (identity →
 * policy + claims) and on a single-subgraph query, rounds alternating between the gateways, medians
 * reported; then the single-subgraph query at a steady 500 requests/s through each gateway and straight
 * to the policy subgraph, for the latency each gateway adds. Prints the targets beside the
 * figures and whether they are met.
 *
 *   npm run bench -- gateway -- --real
 */
import { randomUUID } from 'node:crypto';
import { availableParallelism, loadavg } from 'node:os';
import { launch, type ServiceProcess } from '../../scripts/launcher.ts';
import { demoCast } from '../../test/support/demoCast.ts';
import { startTestSystem, type TestSystem } from '../../test/support/testSystem.ts';
import { failureLines, formatFailures } from '../kit/failureCodes.ts';
import { gatewayBenchOptions } from './benchOptions.ts';
import { startLoadGenerator } from './loadGeneratorProcess.ts';
import { median, type LoadJob, type LoadResult } from './loadJob.ts';
import { processCpuMs } from './processCpu.ts';
import { HOME_SCREEN, SINGLE_SUBGRAPH } from './cabinetQueries.ts';

const CONNECTIONS = 20;
const ROUNDS = gatewayBenchOptions.rounds;
const ROUND_SECONDS = gatewayBenchOptions.roundSeconds;
const WARMUP_SECONDS = gatewayBenchOptions.warmupSeconds;
const PACED_RATE = 500;
/** Below this share of the paced rate answered, a target was overloaded rather than measured. */
const SUSTAINED_SHARE = 0.95;
/** Twice the load runs' time (8 runs a round, 7 warm-ups) plus two minutes to start the system. */
const BENCH_DEADLINE_MS = 120_000 + 2_000 * (8 * ROUNDS * ROUND_SECONDS + 7 * WARMUP_SECONDS);
const TARGET_THROUGHPUT_RATIO = 3;
const TARGET_ADDED_P50_MS = 2;
const TARGET_ADDED_P99_MS = 10;
const COLUMNS = 'req/s     p50 ms    p99 ms  CPU ms/req: gateway  subgraphs  failures';

type Target = 'ours' | 'apollo' | 'direct';
const LABELS: Readonly<Record<Target, string>> = {
  ours: 'our gateway',
  apollo: 'Apollo Gateway',
  direct: 'policy subgraph, direct',
};

/** A load run's figures and the CPU time spent per correct answer by the gateway and by the subgraphs. */
interface Measured extends LoadResult {
  readonly gatewayCpuMs: number;
  readonly subgraphsCpuMs: number;
}

interface Workload {
  readonly name: string;
  readonly bodies: Readonly<Partial<Record<Target, { url: string; body: string; expectedBody: string }>>>;
}

// One customer's requests at bench rates are far above the per-minute budgets a real caller gets.
process.env['RATE_LIMITS'] = 'customer=1000000000,ip=1000000000';

const loadAtStart = loadavg();
let system: TestSystem | undefined;
let apollo: ServiceProcess | undefined;
const loadGenerator = startLoadGenerator();

async function stopEverything(): Promise<void> {
  loadGenerator.stop();
  await apollo?.stop();
  await system?.shutdown();
}

const deadline = setTimeout(() => {
  process.stderr.write('bench/gateway: deadline passed, stopping\n');
  void stopEverything().finally(() => process.exit(2));
}, BENCH_DEADLINE_MS);

try {
  system = await startTestSystem();
  const running = system;
  // The subgraph answers only the gateway: straight to it, the bench proves its requests as the gateway does.
  const extraHeaders = (target: Target) => (target === 'direct' ? running.internalHeaders() : {});
  const { customer, policy } = demoCast();
  const token = await system.token({
    kind: 'customer',
    customerId: customer.id,
    sessionId: randomUUID(),
    trusted: true,
  });
  apollo = await launch(
    {
      name: 'apollo-gateway',
      entry: 'bench/gateway/apolloGateway.ts',
      env: {
        PORT: '0',
        IDENTITY_URL: system.services.identity.url,
        POLICY_URL: system.services.policy.url,
        CLAIMS_URL: system.services.claims.url,
        INTERNAL_REQUEST_SECRET: system.internalRequestSecret,
      },
    },
    (_service, line, stream) => {
      if (stream === 'stderr') process.stderr.write(`[apollo-gateway] ${line}\n`);
    },
  );
  const urls: Readonly<Record<Target, string>> = {
    ours: onLoopback(system.gatewayUrl),
    apollo: onLoopback(apollo.url),
    direct: onLoopback(system.services.policy.url),
  };
  const gatewayPids: Readonly<Record<Target, number | undefined>> = {
    ours: system.services.gateway.pid,
    apollo: apollo.pid,
    direct: undefined,
  };
  const subgraphPids = [system.services.identity, system.services.policy, system.services.claims].map(
    (service) => {
      if (!('pid' in service)) throw new Error(`${service.name} runs inside the bench, not as a process`);
      return service.pid;
    },
  );
  const cross = await workload('cross-subgraph', HOME_SCREEN, {}, ['ours', 'apollo']);
  const single = await workload('single-subgraph', SINGLE_SUBGRAPH, { id: policy.id }, [
    'ours',
    'apollo',
    'direct',
  ]);

  process.stdout.write(
    `${availableParallelism()} CPUs, Node ${process.version}; load average (1/5/15 min) at start: ${loadAtStart.map((l) => l.toFixed(2)).join(' ')}\n`,
  );
  for (const work of [cross, single])
    for (const target of ['ours', 'apollo'] as const) await closed(work, target, WARMUP_SECONDS);
  for (const target of ['direct', 'ours', 'apollo'] as const) await paced(single, target, WARMUP_SECONDS);

  const throughput = new Map<string, Measured[]>();
  const pacedResults = new Map<Target, Measured[]>();
  for (let round = 0; round < ROUNDS; round += 1) {
    const gateways = round % 2 === 0 ? (['ours', 'apollo'] as const) : (['apollo', 'ours'] as const);
    // The subgraph alone, for the ceiling the gateways share on this machine.
    for (const [work, targets] of [
      [cross, gateways],
      [single, [...gateways, 'direct']],
    ] as const) {
      for (const target of targets) {
        const result = await closed(work, target, ROUND_SECONDS);
        push(throughput, `${work.name} ${target}`, result);
        progress(`round ${round + 1} ${work.name} ${LABELS[target]}`, result);
      }
    }
    const pacedOrder: readonly Target[] = [
      ['direct', 'ours', 'apollo'],
      ['apollo', 'direct', 'ours'],
      ['ours', 'apollo', 'direct'],
    ][round % 3] as readonly Target[];
    for (const target of pacedOrder) {
      const result = await paced(single, target, ROUND_SECONDS);
      push(pacedResults, target, result);
      progress(`round ${round + 1} ${PACED_RATE}/s ${LABELS[target]}`, result);
    }
  }

  process.stdout.write(report(throughput, pacedResults));
  process.stdout.write(
    `load average (1/5/15 min) at end: ${loadavg()
      .map((l) => l.toFixed(2))
      .join(' ')}\n`,
  );

  async function workload(
    name: string,
    query: string,
    variables: Record<string, unknown>,
    targets: readonly Target[],
  ): Promise<Workload> {
    const body = JSON.stringify({ query, variables });
    const bodies: Partial<Record<Target, { url: string; body: string; expectedBody: string }>> = {};
    let agreedData: string | undefined;
    for (const target of targets) {
      const response = await fetch(urls[target], {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          authorization: `Bearer ${token}`,
          ...extraHeaders(target),
        },
        body,
      });
      const expectedBody = await response.text();
      const parsed = JSON.parse(expectedBody) as { data?: unknown; errors?: unknown };
      if (!response.ok || parsed.errors !== undefined || parsed.data === undefined)
        throw new Error(
          `${LABELS[target]} answers the ${name} query with ${response.status}: ${expectedBody}`,
        );
      const data = JSON.stringify(parsed.data);
      if (agreedData !== undefined && data !== agreedData)
        throw new Error(`${LABELS[target]} answers the ${name} query differently: ${data} vs ${agreedData}`);
      agreedData = data;
      bodies[target] = { url: urls[target], body, expectedBody };
    }
    return { name, bodies };
  }

  function requestOf(work: Workload, target: Target) {
    const request = work.bodies[target];
    if (!request) throw new Error(`the ${work.name} workload has no request for ${LABELS[target]}`);
    return { ...request, token, headers: extraHeaders(target) };
  }

  function closed(work: Workload, target: Target, seconds: number): Promise<Measured> {
    return measure(target, { kind: 'closed', connections: CONNECTIONS, seconds, ...requestOf(work, target) });
  }

  function paced(work: Workload, target: Target, seconds: number): Promise<Measured> {
    return measure(target, { kind: 'paced', rate: PACED_RATE, seconds, ...requestOf(work, target) });
  }

  async function measure(target: Target, job: LoadJob): Promise<Measured> {
    const gatewayPid = gatewayPids[target];
    const gatewayCpu = () => (gatewayPid === undefined ? 0 : processCpuMs(gatewayPid));
    const subgraphsCpu = () => subgraphPids.reduce((sum, pid) => sum + processCpuMs(pid), 0);
    const [gatewayBefore, subgraphsBefore] = [gatewayCpu(), subgraphsCpu()];
    const result = await loadGenerator.run(job);
    const perRequest = (ms: number) => (result.requests === 0 ? Number.NaN : ms / result.requests);
    return {
      ...result,
      gatewayCpuMs: perRequest(gatewayCpu() - gatewayBefore),
      subgraphsCpuMs: perRequest(subgraphsCpu() - subgraphsBefore),
    };
  }
} finally {
  clearTimeout(deadline);
  await stopEverything();
}

/** The services print `localhost` URLs; the bench pins them to IPv4 loopback. */
function onLoopback(url: string): string {
  const pinned = new URL(url);
  pinned.hostname = '127.0.0.1';
  return pinned.toString();
}

function push<K>(results: Map<K, Measured[]>, key: K, result: Measured): void {
  results.set(key, [...(results.get(key) ?? []), result]);
}

function progress(label: string, result: Measured): void {
  const failures = result.failures > 0 ? `  failures: ${formatFailures(result.failuresByCode)}` : '';
  process.stdout.write(
    `  ${label.padEnd(48)} ${fixed(result.rps, 0, 6)} req/s  p50 ${ms(result.p50Ms)}  p99 ${ms(result.p99Ms)}${failures}\n`,
  );
}

function fixed(value: number, digits: number, width: number): string {
  return value.toFixed(digits).padStart(width);
}

function ms(value: number): string {
  return `${fixed(value, 2, 7)} ms`;
}

function targetLine(what: string, target: string, measured: string, met: boolean): string {
  return `${what.padEnd(45)} ${target.padStart(8)} ${measured.padStart(12)}  ${met ? 'MET' : 'NOT MET'}`;
}

/** Medians over the rounds, and the failures of all of them. */
function figures(results: readonly Measured[]): string {
  const medianOf = (pick: (result: Measured) => number) => median(results.map(pick));
  const failures = results.reduce((sum, result) => sum + result.failures, 0);
  return [
    fixed(
      medianOf((r) => r.rps),
      0,
      5,
    ),
    fixed(
      medianOf((r) => r.p50Ms),
      2,
      10,
    ),
    fixed(
      medianOf((r) => r.p99Ms),
      2,
      9,
    ),
    fixed(
      medianOf((r) => r.gatewayCpuMs),
      2,
      20,
    ),
    fixed(
      medianOf((r) => r.subgraphsCpuMs),
      2,
      10,
    ),
    String(failures).padStart(9),
  ].join(' ');
}

function report(throughput: Map<string, Measured[]>, pacedResults: Map<Target, Measured[]>): string {
  const closedRuns = (name: string, target: Target) => throughput.get(`${name} ${target}`) ?? [];
  const lines = [
    '',
    `Closed load: ${CONNECTIONS} connections, ${ROUNDS} rounds × ${ROUND_SECONDS} s alternating, medians`,
    `query            target                   ${COLUMNS}`,
  ];
  const ratios = new Map<string, number>();
  for (const [name, targets] of [
    ['cross-subgraph', ['ours', 'apollo']],
    ['single-subgraph', ['ours', 'apollo', 'direct']],
  ] as const) {
    for (const target of targets)
      lines.push(`${name.padEnd(16)} ${LABELS[target].padEnd(23)} ${figures(closedRuns(name, target))}`);
    for (const target of targets) lines.push(...failureLines(LABELS[target], closedRuns(name, target)));
    const rpsOf = (target: Target) => median(closedRuns(name, target).map((r) => r.rps));
    const ratio = rpsOf('ours') / rpsOf('apollo');
    ratios.set(name, ratio);
    lines.push(`${name.padEnd(16)} throughput ours / Apollo Gateway: ${ratio.toFixed(2)}×`);
  }
  const crossRatio = ratios.get('cross-subgraph') ?? Number.NaN;

  const direct = pacedResults.get('direct') ?? [];
  const added = (target: Target, pick: (result: Measured) => number) =>
    median(
      (pacedResults.get(target) ?? []).map((result, round) => pick(result) - pick(direct[round] ?? result)),
    );
  lines.push(
    '',
    `Single-subgraph query at ${PACED_RATE} req/s, ${ROUNDS} rounds × ${ROUND_SECONDS} s, medians`,
    `target                   ${COLUMNS}`,
  );
  for (const target of ['direct', 'ours', 'apollo'] as const)
    lines.push(`${LABELS[target].padEnd(23)} ${figures(pacedResults.get(target) ?? [])}`);
  for (const target of ['direct', 'ours', 'apollo'] as const)
    lines.push(...failureLines(LABELS[target], pacedResults.get(target) ?? []));
  for (const target of ['direct', 'ours', 'apollo'] as const) {
    const delivered = median((pacedResults.get(target) ?? []).map((r) => r.rps));
    if (delivered < SUSTAINED_SHARE * PACED_RATE)
      lines.push(
        `${LABELS[target]} did not keep up with ${PACED_RATE} req/s (${delivered.toFixed(0)} answered per second): its latencies are mostly queueing`,
      );
  }
  lines.push('added over the direct call, median of the per-round differences:');
  for (const target of ['ours', 'apollo'] as const)
    lines.push(
      `${LABELS[target].padEnd(23)} p50 ${ms(added(target, (r) => r.p50Ms))}   p99 ${ms(added(target, (r) => r.p99Ms))}`,
    );
  const oursAddedP50 = added('ours', (r) => r.p50Ms);
  const oursAddedP99 = added('ours', (r) => r.p99Ms);

  lines.push(
    '',
    `${'Targets (our gateway)'.padEnd(45)} ${'target'.padStart(8)} ${'measured'.padStart(12)}  verdict`,
    targetLine(
      'cross-subgraph throughput vs Apollo Gateway',
      `≥ ${TARGET_THROUGHPUT_RATIO}×`,
      `${crossRatio.toFixed(2)}×`,
      crossRatio >= TARGET_THROUGHPUT_RATIO,
    ),
    targetLine(
      `added latency p50 at ${PACED_RATE} req/s`,
      `≤ ${TARGET_ADDED_P50_MS} ms`,
      ms(oursAddedP50),
      oursAddedP50 <= TARGET_ADDED_P50_MS,
    ),
    targetLine(
      `added latency p99 at ${PACED_RATE} req/s`,
      `≤ ${TARGET_ADDED_P99_MS} ms`,
      ms(oursAddedP99),
      oursAddedP99 <= TARGET_ADDED_P99_MS,
    ),
    '',
  );
  return lines.join('\n');
}
