/**
 * The gateways measured alone: stub subgraphs (../kit/stubSubgraph.ts) answer every subgraph request
 * from memory, so the gateway is the only real work. Contenders in the same run, on the same supergraph
 * and the same stubs: our gateway as production starts it (gateway/src/main.ts, GATEWAY_PROFILE=production,
 * tokens checked against a stand-in of identity's keys), the Hive Gateway runtime with no plugins
 * (../kit/plainHiveGateway.ts), the same with Hive Router's query planner (@graphql-hive/router-runtime)
 * and Apollo Gateway 2.14 (./apolloGateway.ts). Each contender is pinned to one core, the load generator
 * and the stubs (this process) to the others.
 *
 * Two supergraphs: the cabinet's (home screen: identity → policy + claims; a single-subgraph read, also
 * at a steady 500 requests/s beside the stub called straight), and ./deepSupergraph, modelled on the
 * published graphql-gateways-benchmark (accounts, products, inventory, reviews), for its deep query: the
 * cabinet's entities cross subgraphs two levels deep at most (customer → claims → policy), the
 * benchmark's query six.
 *
 * Beside req/s, latency and the gateway's CPU per request, each row says how many requests the stubs
 * received per answered request: the load repeats one query from one caller, and a gateway sends
 * identical queries in flight at once to a subgraph as one when their subgraph requests are identical.
 */
import { randomBytes } from 'node:crypto';
import { mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { availableParallelism, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { composeServices, compositionHasErrors } from '@theguild/federation-composition';
import { parse } from 'graphql';
import { launch, type ServiceProcess } from '../../scripts/launcher.ts';
import { corePinning } from '../kit/corePinning.ts';
import {
  formatProfileSummary,
  summariseCpuProfileFile,
  type ProfileWindow,
} from '../kit/cpuProfileSummary.ts';
import { failureLines, formatFailures } from '../kit/failureCodes.ts';
import { PRODUCTION_GATEWAY_ENTRY, productionGatewayEnv } from '../kit/productionGateway.ts';
import { serveStubSubgraph, type StubSubgraph } from '../kit/stubSubgraph.ts';
import { startIdentityStandIn, type IdentityStandIn } from './identityStandIn.ts';
import { startLoadGenerator, type LoadGeneratorProcess } from './loadGeneratorProcess.ts';
import { median, type LoadJob, type LoadResult } from './loadJob.ts';
import { processCpuMs } from './processCpu.ts';
import { HOME_SCREEN, SINGLE_SUBGRAPH } from './cabinetQueries.ts';

export interface GatewayAloneOptions {
  readonly rounds: number;
  readonly roundSeconds: number;
  readonly warmupSeconds: number;
  /** Starts our gateway under `node --cpu-prof` writing here, and prints where its time went. */
  readonly cpuProfileDir: string | undefined;
}

const CONNECTIONS = 20;
const PACED_RATE = 500;
const SUSTAINED_SHARE = 0.95;
const CABINET_SUBGRAPHS = ['identity', 'policy', 'claims', 'support'] as const;
const DEEP_SUBGRAPHS = ['accounts', 'products', 'inventory', 'reviews'] as const;
/** The targets for the stub mode (#16, point 3). */
const TARGETS = {
  cpuOverPlain: 1.25,
  deepRpsOverApollo: 2.5,
  homeRpsOverApollo: 1.5,
  addedP50Ms: 2,
  addedP99Ms: 10,
};

type Contender = 'ours' | 'plain' | 'plainRouter' | 'apollo';
const CONTENDERS: readonly Contender[] = ['ours', 'plain', 'plainRouter', 'apollo'];
const LABELS: Readonly<Record<Contender | 'direct', string>> = {
  ours: 'our gateway',
  plain: 'plain Hive Gateway',
  plainRouter: 'plain Hive + router',
  apollo: 'Apollo Gateway',
  direct: 'policy stub, direct',
};

interface Measured extends LoadResult {
  readonly gatewayCpuMs: number;
  /**
   * Requests the stubs received per answered request: a gateway sends identical queries in flight at
   * once as one (in-flight deduplication) only when their subgraph requests are identical.
   */
  readonly subgraphCallsPerRequest: number;
}

interface Query {
  readonly name: string;
  readonly body: string;
}

interface Scenario {
  readonly id: string;
  readonly title: string;
  readonly stubs: readonly StubSubgraph[];
  readonly supergraphFile: string;
  readonly queries: readonly Query[];
  /** The query also run at PACED_RATE, through each contender and straight to this stub. */
  readonly paced?: { readonly query: Query; readonly directUrl: string };
  /** Our gateway's settings beyond production's defaults. */
  readonly oursEnv: Readonly<Record<string, string>>;
}

export async function benchGatewayAlone(options: GatewayAloneOptions): Promise<void> {
  // Read before this process is pinned: it then sees only its own core.
  const cores = availableParallelism();
  const pinning = corePinning();
  const workDir = await mkdtemp(join(tmpdir(), 'gateway-alone-'));
  const internalRequestSecret = randomBytes(32).toString('hex');
  const stubs: StubSubgraph[] = [];
  let identity: IdentityStandIn | undefined;
  let loadGenerator: LoadGeneratorProcess | undefined;
  const loadAtStart = loadavg();
  try {
    identity = await startIdentityStandIn();
    loadGenerator = startLoadGenerator();
    pinning.pinRest(process.pid);
    if (loadGenerator.pid !== undefined) pinning.pinRest(loadGenerator.pid);
    const scenarios = [await cabinetScenario(workDir, stubs), await deepScenario(workDir, stubs)];
    process.stdout.write(
      [
        `Gateways alone on stub subgraphs: ${cores} CPUs, Node ${process.version}, ${pinning.description}`,
        `load average (1/5/15 min) at start: ${loadAtStart.map((l) => l.toFixed(2)).join(' ')}`,
        options.cpuProfileDir
          ? `our gateway runs under --cpu-prof (profiles in ${options.cpuProfileDir}): its figures are slower than without`
          : '',
        '',
      ].join('\n'),
    );
    const verdicts: string[] = [];
    for (const scenario of scenarios)
      verdicts.push(
        ...(await runScenario(scenario, {
          options,
          pinning,
          identity,
          loadGenerator,
          internalRequestSecret,
        })),
      );
    process.stdout.write(
      [
        `${'Targets (our gateway, stub subgraphs)'.padEnd(58)} ${'target'.padStart(8)} ${'measured'.padStart(10)}  verdict`,
        ...verdicts,
        `load average (1/5/15 min) at end: ${loadavg()
          .map((l) => l.toFixed(2))
          .join(' ')}`,
        '',
      ].join('\n'),
    );
  } finally {
    loadGenerator?.stop();
    await Promise.all(stubs.map((stub) => stub.close()));
    await identity?.close();
    await rm(workDir, { recursive: true, force: true });
  }
}

/** The committed supergraph, each subgraph routed to a stub serving its committed SDL. */
async function cabinetScenario(workDir: string, stubs: StubSubgraph[]): Promise<Scenario> {
  let supergraph = await readFile('schema/supergraph.graphql', 'utf8');
  const started: StubSubgraph[] = [];
  for (const name of CABINET_SUBGRAPHS) {
    const stub = await serveStubSubgraph(name, await readFile(`schema/${name}.graphql`, 'utf8'));
    started.push(stub);
    stubs.push(stub);
    supergraph = supergraph.replace(
      new RegExp(`(@join__graph\\(name:\\s*"${name}",\\s*url:\\s*)"[^"]+"`),
      `$1"${stub.url}"`,
    );
  }
  const supergraphFile = join(workDir, 'cabinet-supergraph.graphql');
  await writeFile(supergraphFile, supergraph);
  const single = {
    name: 'single-subgraph',
    body: JSON.stringify({
      query: SINGLE_SUBGRAPH,
      variables: { id: '5f0c8f53-62a4-4a8e-9d7c-3b1f6b9d2a10' },
    }),
  };
  const policyStub = started.find((stub) => stub.name === 'policy');
  if (!policyStub) throw new Error('no policy stub');
  return {
    id: 'cabinet',
    title: 'cabinet supergraph',
    stubs: started,
    supergraphFile,
    queries: [{ name: 'home screen', body: JSON.stringify({ query: HOME_SCREEN }) }, single],
    paced: { query: single, directUrl: policyStub.url },
    oursEnv: {},
  };
}

/** ./deepSupergraph's subgraphs composed at run time, each routed to its stub. */
async function deepScenario(workDir: string, stubs: StubSubgraph[]): Promise<Scenario> {
  const folder = new URL('deepSupergraph/', import.meta.url);
  const services = [];
  const started: StubSubgraph[] = [];
  for (const name of DEEP_SUBGRAPHS) {
    const sdl = await readFile(new URL(`${name}.graphql`, folder), 'utf8');
    const stub = await serveStubSubgraph(name, sdl);
    started.push(stub);
    stubs.push(stub);
    services.push({ name, typeDefs: parse(sdl), url: stub.url });
  }
  const composition = composeServices(services);
  if (compositionHasErrors(composition))
    throw new Error(
      `the deep supergraph does not compose: ${composition.errors.map((e) => e.message).join('; ')}`,
    );
  const supergraphFile = join(workDir, 'deep-supergraph.graphql');
  await writeFile(supergraphFile, composition.supergraphSdl);
  return {
    id: 'deep',
    title: 'deep supergraph (accounts, products, inventory, reviews)',
    stubs: started,
    supergraphFile,
    queries: [
      {
        name: 'deep query',
        body: JSON.stringify({ query: await readFile(new URL('deepQuery.graphql', folder), 'utf8') }),
      },
    ],
    // The deep query's estimated cost (lists assumed 20 long, four levels) is far above the cabinet's
    // limit; the limit is still computed and checked, against a ceiling that lets it through.
    oursEnv: { MAX_COST: '10000000' },
  };
}

async function runScenario(
  scenario: Scenario,
  parts: {
    readonly options: GatewayAloneOptions;
    readonly pinning: ReturnType<typeof corePinning>;
    readonly identity: IdentityStandIn;
    readonly loadGenerator: LoadGeneratorProcess;
    readonly internalRequestSecret: string;
  },
): Promise<string[]> {
  const { options, pinning, identity, loadGenerator } = parts;
  const profileDir = options.cpuProfileDir ? join(options.cpuProfileDir, scenario.id) : undefined;
  if (profileDir) await mkdir(profileDir, { recursive: true });
  const running = new Map<Contender, ServiceProcess>();
  const sink = (service: string, line: string, stream: 'stdout' | 'stderr') => {
    if (stream === 'stderr') process.stderr.write(`[${service}] ${line}\n`);
  };
  try {
    const specs: Record<Contender, { entry: string; env: Record<string, string> }> = {
      ours: {
        entry: PRODUCTION_GATEWAY_ENTRY,
        env: {
          ...productionGatewayEnv({
            supergraphFile: scenario.supergraphFile,
            internalRequestSecret: parts.internalRequestSecret,
            identityEnv: identity.gatewayEnv,
          }),
          // One customer's requests at bench rates are far above the per-minute budgets a real caller gets.
          RATE_LIMITS: 'customer=1000000000,ip=1000000000',
          ...scenario.oursEnv,
          ...(profileDir ? { NODE_OPTIONS: `--cpu-prof --cpu-prof-dir=${profileDir}` } : {}),
        },
      },
      plain: { entry: 'bench/kit/plainHiveGateway.ts', env: { SUPERGRAPH_FILE: scenario.supergraphFile } },
      plainRouter: {
        entry: 'bench/kit/plainHiveGateway.ts',
        env: { SUPERGRAPH_FILE: scenario.supergraphFile, ROUTER_RUNTIME: 'true' },
      },
      apollo: {
        entry: 'bench/gateway/apolloGateway.ts',
        env: {
          PORT: '0',
          SUPERGRAPH_FILE: scenario.supergraphFile,
          INTERNAL_REQUEST_SECRET: parts.internalRequestSecret,
        },
      },
    };
    for (const contender of CONTENDERS) {
      const service = await launch({ name: contender, ...specs[contender] }, sink);
      running.set(contender, service);
      pinning.pinMeasured(service.pid);
    }
    const urlOf = (contender: Contender) => onLoopback(running.get(contender)?.url ?? '');
    const pidOf = (contender: Contender) => running.get(contender)?.pid;

    const expected = new Map<string, string>();
    for (const query of scenario.queries) await agreeOn(query, urlOf, identity.customerToken, expected);
    const directBody = scenario.paced
      ? await directAnswer(scenario.paced.directUrl, scenario.paced.query)
      : '';
    const stubExecutions = () => scenario.stubs.reduce((sum, stub) => sum + stub.executions(), 0);
    const stubRequests = () => scenario.stubs.reduce((sum, stub) => sum + stub.requests(), 0);

    // Our gateway's measured runs, warm-ups left out: the stretches of its profile the summary reads.
    const oursMeasuring: ProfileWindow[] = [];
    const nowUs = () => Number(process.hrtime.bigint() / 1_000n);
    const measure = async (pid: number | undefined, job: LoadJob, warmUp = false): Promise<Measured> => {
      const cpu = () => (pid === undefined ? 0 : processCpuMs(pid));
      const before = cpu();
      const requestsBefore = stubRequests();
      const fromUs = nowUs();
      const result = await loadGenerator.run(job);
      if (!warmUp && pid !== undefined && pid === pidOf('ours'))
        oursMeasuring.push({ fromUs, toUs: nowUs() });
      const perRequest = (total: number) => (result.requests === 0 ? Number.NaN : total / result.requests);
      return {
        ...result,
        gatewayCpuMs: perRequest(cpu() - before),
        subgraphCallsPerRequest: perRequest(stubRequests() - requestsBefore),
      };
    };
    const closedJob = (query: Query, contender: Contender, seconds: number): LoadJob => ({
      kind: 'closed',
      connections: CONNECTIONS,
      seconds,
      url: urlOf(contender),
      body: query.body,
      token: identity.customerToken,
      expectedBody: expected.get(`${query.name} ${contender}`) ?? '',
    });

    for (const query of scenario.queries)
      for (const contender of CONTENDERS)
        await measure(pidOf(contender), closedJob(query, contender, options.warmupSeconds), true);
    const executionsBefore = stubExecutions();

    const closed = new Map<string, Measured[]>();
    for (let round = 0; round < options.rounds; round += 1)
      for (const query of scenario.queries)
        for (const contender of rotated(CONTENDERS, round)) {
          const result = await measure(pidOf(contender), closedJob(query, contender, options.roundSeconds));
          push(closed, `${query.name} ${contender}`, result);
          progress(`${scenario.id} round ${round + 1} ${query.name} ${LABELS[contender]}`, result);
        }

    const paced = new Map<Contender | 'direct', Measured[]>();
    if (scenario.paced) {
      const { query, directUrl } = scenario.paced;
      const pacedJob = (target: Contender | 'direct', seconds: number): LoadJob => ({
        kind: 'paced',
        rate: PACED_RATE,
        seconds,
        url: target === 'direct' ? directUrl : urlOf(target),
        body: query.body,
        token: identity.customerToken,
        expectedBody: target === 'direct' ? directBody : (expected.get(`${query.name} ${target}`) ?? ''),
      });
      const targets: readonly (Contender | 'direct')[] = ['direct', ...CONTENDERS];
      for (const target of targets)
        await measure(
          target === 'direct' ? undefined : pidOf(target),
          pacedJob(target, options.warmupSeconds),
        );
      for (let round = 0; round < options.rounds; round += 1)
        for (const target of rotated(targets, round)) {
          const result = await measure(
            target === 'direct' ? undefined : pidOf(target),
            pacedJob(target, options.roundSeconds),
          );
          push(paced, target, result);
          progress(`${scenario.id} round ${round + 1} ${PACED_RATE}/s ${LABELS[target]}`, result);
        }
    }
    const executionsDuring = stubExecutions() - executionsBefore;

    const { lines, verdicts } = report(scenario, options, closed, paced);
    process.stdout.write(
      [
        ...lines,
        `stub executions while measuring (requests not answered from memory): ${executionsDuring}`,
        '',
      ].join('\n'),
    );
    await stopAll(running);
    if (profileDir) await printProfiles(profileDir, scenario.title, oursMeasuring);
    return verdicts;
  } finally {
    await stopAll(running);
  }
}

/**
 * Every contender must answer the query with the same data and no errors before it is measured; the
 * exact bytes each one sent become what its load run expects.
 */
async function agreeOn(
  query: Query,
  urlOf: (contender: Contender) => string,
  token: string,
  expected: Map<string, string>,
): Promise<void> {
  let agreed: string | undefined;
  for (const contender of CONTENDERS) {
    const response = await fetch(urlOf(contender), {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
      body: query.body,
    });
    const body = await response.text();
    const parsed = JSON.parse(body) as { data?: unknown; errors?: unknown };
    if (!response.ok || parsed.errors !== undefined || parsed.data === undefined)
      throw new Error(`${LABELS[contender]} answers the ${query.name} with ${response.status}: ${body}`);
    const data = JSON.stringify(parsed.data);
    if (agreed !== undefined && data !== agreed)
      throw new Error(`${LABELS[contender]} answers the ${query.name} differently: ${data} vs ${agreed}`);
    agreed = data;
    expected.set(`${query.name} ${contender}`, body);
  }
}

/** The stub's own answer to the query as a gateway would forward it (the same text, here). */
async function directAnswer(url: string, query: Query): Promise<string> {
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: query.body,
  });
  const body = await response.text();
  if (!response.ok || (JSON.parse(body) as { errors?: unknown }).errors !== undefined)
    throw new Error(`the stub answers the ${query.name} with ${response.status}: ${body}`);
  return body;
}

async function stopAll(running: Map<Contender, ServiceProcess>): Promise<void> {
  await Promise.all([...running.values()].map((service) => service.stop()));
  running.clear();
}

async function printProfiles(dir: string, title: string, windows: readonly ProfileWindow[]): Promise<void> {
  const files = (await readdir(dir)).filter((file) => file.endsWith('.cpuprofile'));
  if (files.length === 0) {
    process.stdout.write(`no CPU profile of our gateway in ${dir}\n`);
    return;
  }
  for (const file of files)
    process.stdout.write(
      `\nWhere our gateway's time went while measured, ${title} (${join(dir, file)}):\n${formatProfileSummary(await summariseCpuProfileFile(join(dir, file), windows))}\n\n`,
    );
}

function report(
  scenario: Scenario,
  options: GatewayAloneOptions,
  closed: Map<string, Measured[]>,
  paced: Map<Contender | 'direct', Measured[]>,
): { lines: string[]; verdicts: string[] } {
  const lines = [
    '',
    `${scenario.title}: closed load, ${CONNECTIONS} connections, ${options.rounds} rounds × ${options.roundSeconds} s, medians`,
    `${'query'.padEnd(16)} ${'contender'.padEnd(20)} ${COLUMNS}`,
  ];
  const verdicts: string[] = [];
  for (const query of scenario.queries) {
    const runs = (contender: Contender) => closed.get(`${query.name} ${contender}`) ?? [];
    for (const contender of CONTENDERS)
      lines.push(`${query.name.padEnd(16)} ${LABELS[contender].padEnd(20)} ${figures(runs(contender))}`);
    const rps = (contender: Contender) => median(runs(contender).map((r) => r.rps));
    const cpu = (contender: Contender) => median(runs(contender).map((r) => r.gatewayCpuMs));
    lines.push(
      `${''.padEnd(16)} ours / plain Hive: req/s ${ratio(rps('ours'), rps('plain'))}, CPU ms/req ${ratio(cpu('ours'), cpu('plain'))};` +
        ` ours / Apollo: req/s ${ratio(rps('ours'), rps('apollo'))}, CPU ms/req ${ratio(cpu('ours'), cpu('apollo'))}`,
      `${''.padEnd(16)} ours / plain Hive + router runtime: req/s ${ratio(rps('ours'), rps('plainRouter'))}, CPU ms/req ${ratio(cpu('ours'), cpu('plainRouter'))}`,
    );
    for (const contender of CONTENDERS) lines.push(...failureLines(LABELS[contender], runs(contender)));
    verdicts.push(
      verdict(
        `${query.name}: CPU per request vs plain Hive`,
        `≤ ${TARGETS.cpuOverPlain}×`,
        cpu('ours') / cpu('plain'),
        (value) => value <= TARGETS.cpuOverPlain,
      ),
    );
    const rpsTarget =
      query.name === 'deep query'
        ? TARGETS.deepRpsOverApollo
        : query.name === 'home screen'
          ? TARGETS.homeRpsOverApollo
          : undefined;
    if (rpsTarget !== undefined)
      verdicts.push(
        verdict(
          `${query.name}: req/s vs Apollo Gateway`,
          `≥ ${rpsTarget}×`,
          rps('ours') / rps('apollo'),
          (value) => value >= rpsTarget,
        ),
      );
  }

  if (scenario.paced) {
    const targets: readonly (Contender | 'direct')[] = ['direct', ...CONTENDERS];
    lines.push(
      '',
      `${scenario.paced.query.name} at ${PACED_RATE} req/s, ${options.rounds} rounds × ${options.roundSeconds} s, medians`,
      `${'target'.padEnd(37)} ${COLUMNS}`,
    );
    for (const target of targets)
      lines.push(`${LABELS[target].padEnd(37)} ${figures(paced.get(target) ?? [])}`);
    for (const target of targets) {
      lines.push(...failureLines(LABELS[target], paced.get(target) ?? []));
      const delivered = median((paced.get(target) ?? []).map((r) => r.rps));
      if (delivered < SUSTAINED_SHARE * PACED_RATE)
        lines.push(
          `${LABELS[target]} did not keep up with ${PACED_RATE} req/s (${delivered.toFixed(0)} answered per second): its latencies are mostly queueing`,
        );
    }
    const direct = paced.get('direct') ?? [];
    const added = (target: Contender, pick: (result: Measured) => number) =>
      median((paced.get(target) ?? []).map((result, round) => pick(result) - pick(direct[round] ?? result)));
    lines.push('added over the direct call, median of the per-round differences:');
    for (const contender of CONTENDERS)
      lines.push(
        `${LABELS[contender].padEnd(20)} p50 ${ms(added(contender, (r) => r.p50Ms))}   p99 ${ms(added(contender, (r) => r.p99Ms))}`,
      );
    verdicts.push(
      verdict(
        `added p50 at ${PACED_RATE} req/s, ${scenario.paced.query.name}`,
        `≤ ${TARGETS.addedP50Ms} ms`,
        added('ours', (r) => r.p50Ms),
        (value) => value <= TARGETS.addedP50Ms,
        'ms',
      ),
      verdict(
        `added p99 at ${PACED_RATE} req/s, ${scenario.paced.query.name}`,
        `≤ ${TARGETS.addedP99Ms} ms`,
        added('ours', (r) => r.p99Ms),
        (value) => value <= TARGETS.addedP99Ms,
        'ms',
      ),
    );
  }
  return { lines, verdicts };
}

const COLUMNS = '  req/s    p50 ms    p99 ms  gateway CPU ms/req  subgraph calls/req  failures';

function figures(results: readonly Measured[]): string {
  const medianOf = (pick: (result: Measured) => number) => median(results.map(pick));
  const failures = results.reduce((sum, result) => sum + result.failures, 0);
  return [
    fixed(
      medianOf((r) => r.rps),
      0,
      7,
    ),
    fixed(
      medianOf((r) => r.p50Ms),
      2,
      9,
    ),
    fixed(
      medianOf((r) => r.p99Ms),
      2,
      9,
    ),
    fixed(
      medianOf((r) => r.gatewayCpuMs),
      3,
      19,
    ),
    fixed(
      medianOf((r) => r.subgraphCallsPerRequest),
      2,
      19,
    ),
    String(failures).padStart(9),
  ].join(' ');
}

function verdict(
  what: string,
  target: string,
  value: number,
  met: (value: number) => boolean,
  unit: 'ms' | '×' = '×',
): string {
  const measured = unit === 'ms' ? `${value.toFixed(2)} ms` : `${value.toFixed(2)}×`;
  return `${what.padEnd(58)} ${target.padStart(8)} ${measured.padStart(10)}  ${met(value) ? 'MET' : 'NOT MET'}`;
}

function ratio(a: number, b: number): string {
  return `${(a / b).toFixed(2)}×`;
}

function rotated<T>(items: readonly T[], by: number): T[] {
  const shift = by % items.length;
  return [...items.slice(shift), ...items.slice(0, shift)];
}

function push<K>(results: Map<K, Measured[]>, key: K, result: Measured): void {
  results.set(key, [...(results.get(key) ?? []), result]);
}

function progress(label: string, result: Measured): void {
  const failures = result.failures > 0 ? `  failures: ${formatFailures(result.failuresByCode)}` : '';
  process.stdout.write(
    `  ${label.padEnd(56)} ${fixed(result.rps, 0, 6)} req/s  p50 ${ms(result.p50Ms)}  p99 ${ms(result.p99Ms)}  CPU ${fixed(result.gatewayCpuMs, 3, 6)} ms/req${failures}\n`,
  );
}

function fixed(value: number, digits: number, width: number): string {
  return value.toFixed(digits).padStart(width);
}

function ms(value: number): string {
  return `${fixed(value, 2, 7)} ms`;
}

/** The services print `localhost` URLs; the bench pins them to IPv4 loopback. */
function onLoopback(url: string): string {
  const pinned = new URL(url);
  pinned.hostname = '127.0.0.1';
  return pinned.toString();
}
