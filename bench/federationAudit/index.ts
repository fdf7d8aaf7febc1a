/**
 * `npm run bench -- federationAudit -- --audit-dir <checkout> [--suite <id>]… [--ours-env NAME=value]…`:
 * federation correctness checked from outside, by graphql-hive/federation-gateway-audit. For each of its suites, our gateway as
 * production starts it (gateway/src/main.ts, GATEWAY_PROFILE=production, all its plugins on) and the
 * plain Hive Gateway runtime (../kit/plainHiveGateway.ts) serve the suite's supergraph, whose subgraphs
 * the audit's own server answers; each test's query goes to both and its answer is judged by the audit's
 * rule (./auditVerdict.ts). Prints per suite the tests passed by each, the tests ours fails with a short
 * diff, then the totals.
 *
 * Our gateway is called as a signed-in customer (a token of ../gateway/identityStandIn.ts): production
 * lets customers send any document (persisted documents are required of partners and the mobile app
 * only, gateway/src/limits/persistedDocuments.ts), and anonymous callers are as free but have a far
 * smaller rate budget. Every other setting is production's default, unless `--ours-env` sets one of
 * those a deployment chooses (e.g. MAX_COST), which the output then names.
 */
import { randomBytes } from 'node:crypto';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { launch, type ServiceProcess } from '../../scripts/launcher.ts';
import { startIdentityStandIn } from '../gateway/identityStandIn.ts';
import { PRODUCTION_GATEWAY_ENTRY, productionGatewayEnv } from '../kit/productionGateway.ts';
import {
  auditSuites,
  prepareAuditCheckout,
  startAuditServer,
  type AuditServer,
  suiteTests,
  type AuditSuite,
} from './auditCheckout.ts';
import { judge, type GraphQLAnswer, type Verdict } from './auditVerdict.ts';

/** The audit's own limit on one answer. */
const ANSWER_TIMEOUT_MS = 10_000;

type Contender = 'ours' | 'plain';
const CONTENDERS: readonly Contender[] = ['ours', 'plain'];

interface SuiteResult {
  readonly suite: AuditSuite;
  readonly tests: number;
  readonly verdicts: Readonly<Record<Contender, readonly Verdict[]>>;
}

const { values } = parseArgs({
  options: {
    'audit-dir': { type: 'string' },
    suite: { type: 'string', multiple: true, default: [] },
    'ours-env': { type: 'string', multiple: true, default: [] },
  },
});
const oursEnv = Object.fromEntries(
  values['ours-env'].map((setting) => {
    const match = /^([A-Z][A-Z0-9_]*)=(.*)$/.exec(setting);
    if (!match?.[1] || match[2] === undefined)
      throw new Error(`--ours-env takes NAME=value, not "${setting}"`);
    return [match[1], match[2]];
  }),
);
const auditDir = values['audit-dir'];
if (auditDir === undefined) {
  process.stderr.write(
    [
      'bench/federationAudit needs a checkout of graphql-hive/federation-gateway-audit:',
      '  git clone https://github.com/graphql-hive/federation-gateway-audit <dir>',
      '  npm run bench -- federationAudit -- --audit-dir <dir> [--suite <id>]…',
      '',
    ].join('\n'),
  );
  process.exit(2);
}

const checkout = await prepareAuditCheckout(auditDir);
const workDir = await mkdtemp(join(tmpdir(), 'federation-audit-'));
const identity = await startIdentityStandIn();
let server: AuditServer | undefined;
try {
  server = await startAuditServer(checkout);
  const suites = await auditSuites(server, values.suite);
  process.stdout.write(
    [
      `federation-gateway-audit ${checkout.version} (${checkout.dir}): ${suites.length} suites`,
      'ours: gateway/src/main.ts, GATEWAY_PROFILE=production, called as a signed-in customer (bearer token)',
      `  settings beyond production's defaults: ${values['ours-env'].length === 0 ? 'none' : values['ours-env'].join(' ')}`,
      'plain: the Hive Gateway runtime with no plugins (bench/kit/plainHiveGateway.ts)',
      '',
      `${'suite'.padEnd(40)} ${'tests'.padStart(5)} ${'ours'.padStart(5)} ${'plain'.padStart(5)}`,
    ].join('\n') + '\n',
  );
  const internalRequestSecret = randomBytes(32).toString('hex');
  const results: SuiteResult[] = [];
  for (const suite of suites) {
    const result = await runSuite(server, suite, {
      workDir,
      internalRequestSecret,
      identityEnv: identity.gatewayEnv,
      token: identity.customerToken,
    });
    results.push(result);
    process.stdout.write(suiteLines(result).join('\n') + '\n');
  }
  process.stdout.write(totalLines(results).join('\n') + '\n');
} finally {
  await server?.stop();
  await identity.close();
  await rm(workDir, { recursive: true, force: true });
}

async function runSuite(
  server: AuditServer,
  suite: AuditSuite,
  parts: {
    readonly workDir: string;
    readonly internalRequestSecret: string;
    readonly identityEnv: Readonly<Record<string, string>>;
    readonly token: string;
  },
): Promise<SuiteResult> {
  const supergraphFile = join(parts.workDir, `${suite.id}.graphql`);
  await writeFile(supergraphFile, suite.supergraph);
  const specs: Record<Contender, { entry: string; env: Record<string, string> }> = {
    ours: {
      entry: PRODUCTION_GATEWAY_ENTRY,
      env: {
        ...productionGatewayEnv({
          supergraphFile,
          internalRequestSecret: parts.internalRequestSecret,
          identityEnv: parts.identityEnv,
        }),
        ...oursEnv,
      },
    },
    plain: { entry: 'bench/kit/plainHiveGateway.ts', env: { SUPERGRAPH_FILE: supergraphFile } },
  };
  const sink = (service: string, line: string, stream: 'stdout' | 'stderr') => {
    if (stream === 'stderr') process.stderr.write(`[${suite.id} ${service}] ${line}\n`);
  };
  // Both start together; whichever started is stopped even when the other did not.
  const launched = await Promise.allSettled(
    CONTENDERS.map((contender) => launch({ name: contender, ...specs[contender] }, sink)),
  );
  const running = launched.flatMap((outcome) => (outcome.status === 'fulfilled' ? [outcome.value] : []));
  try {
    const [ours, plain] = launched.map((outcome) => {
      if (outcome.status === 'rejected') throw outcome.reason;
      return outcome.value;
    });
    if (!ours || !plain) throw new Error(`a gateway did not start for ${suite.id}`);
    const verdictsOf = async (service: ServiceProcess) => {
      const verdicts: Verdict[] = [];
      for (const test of await suiteTests(server, suite))
        verdicts.push(judge(test, await ask(service.url, test.query, parts.token)));
      return verdicts;
    };
    const verdicts = { ours: await verdictsOf(ours), plain: await verdictsOf(plain) };
    if (verdicts.ours.length !== verdicts.plain.length)
      throw new Error(
        `the audit served ${suite.id} with ${verdicts.ours.length} tests, then ${verdicts.plain.length}`,
      );
    return { suite, tests: verdicts.ours.length, verdicts };
  } finally {
    await Promise.all(running.map((service) => service.stop()));
  }
}

/** The audit's request (a JSON POST of the query alone), with the caller's token. */
async function ask(url: string, query: string, token: string): Promise<GraphQLAnswer> {
  try {
    const response = await fetch(url, {
      method: 'POST',
      headers: {
        accept: 'application/json',
        'content-type': 'application/json',
        authorization: `Bearer ${token}`,
      },
      body: JSON.stringify({ query }),
      signal: AbortSignal.timeout(ANSWER_TIMEOUT_MS),
    });
    const text = await response.text();
    try {
      return JSON.parse(text) as GraphQLAnswer;
    } catch {
      return { errors: [{ message: `HTTP ${response.status}, not JSON: ${text.slice(0, 200)}` }] };
    }
  } catch (error) {
    return { errors: [{ message: `no answer: ${String(error)}` }] };
  }
}

function suiteLines({ suite, tests, verdicts }: SuiteResult): string[] {
  const passed = (contender: Contender) => verdicts[contender].filter((verdict) => verdict.passed).length;
  const lines = [
    `${suite.id.padEnd(40)} ${String(tests).padStart(5)} ${String(passed('ours')).padStart(5)} ${String(passed('plain')).padStart(5)}`,
  ];
  verdicts.ours.forEach((verdict, index) => {
    if (verdict.passed) return;
    const plainPassed = verdicts.plain[index]?.passed === true;
    lines.push(
      `  ${suite.id}_${index} fails for ours${plainPassed ? ', passes for plain' : ' and for plain'}`,
    );
    if (plainPassed) lines.push(...verdict.differences.map((line) => `    ${line}`));
  });
  verdicts.plain.forEach((verdict, index) => {
    if (!verdict.passed && verdicts.ours[index]?.passed)
      lines.push(`  ${suite.id}_${index} fails for plain only`);
  });
  return lines;
}

function totalLines(results: readonly SuiteResult[]): string[] {
  const tests = results.reduce((sum, result) => sum + result.tests, 0);
  const passed = (contender: Contender) =>
    results.reduce(
      (sum, { verdicts }) => sum + verdicts[contender].filter((verdict) => verdict.passed).length,
      0,
    );
  const suitesPassed = (contender: Contender) =>
    results.filter(({ verdicts }) => verdicts[contender].every((verdict) => verdict.passed)).length;
  const oursOnly = results.flatMap(({ suite, verdicts }) =>
    verdicts.ours.flatMap((verdict, index) =>
      !verdict.passed && verdicts.plain[index]?.passed ? [`${suite.id}_${index}`] : [],
    ),
  );
  return [
    '',
    `${'total'.padEnd(40)} ${String(tests).padStart(5)} ${String(passed('ours')).padStart(5)} ${String(passed('plain')).padStart(5)}`,
    `suites fully passed: ours ${suitesPassed('ours')}/${results.length}, plain ${suitesPassed('plain')}/${results.length}`,
    `tests plain passes and ours fails: ${oursOnly.length === 0 ? 'none' : oursOnly.join(', ')}`,
  ];
}
