/**
 * Synthetic probe (`npm run probe`, or `npm run probe -- --once`): a fixed set of read operations
 * through the gateway, one per subgraph, every PROBE_INTERVAL_MS. Each run logs every operation's
 * response time; an operation that is slower than PROBE_THRESHOLD_MS, or whose subgraph did not
 * answer, raises an alert: a log line at error level and, when PROBE_WEBHOOK_URL is set, a JSON POST
 * to it. The probe checks availability, not access: without PROBE_TOKEN the subgraphs answer
 * UNAUTHENTICATED, which proves they are up. `--once` exits 1 when the run raised an alert.
 */
import { env, loadConfig, optional, type ConfigOf } from '@cabinet/platform/config';
import { createLogger, LOG_LEVELS, REQUEST_ID_HEADER, type Logger } from '@cabinet/platform/logging';

const probeConfigSpec = {
  PROBE_GATEWAY_URL: env.url('http://localhost:4000/graphql'),
  PROBE_INTERVAL_MS: env.integer(5 * 60_000, { min: 1_000, max: 24 * 60 * 60_000 }),
  PROBE_THRESHOLD_MS: env.integer(2_000, { min: 0, max: 120_000 }),
  /** An operation that has not answered by then counts as failed. */
  PROBE_TIMEOUT_MS: env.integer(10_000, { min: 100, max: 120_000 }),
  PROBE_WEBHOOK_URL: optional(env.url()),
  /** A probe account's access token, so that the reads go all the way to the data. */
  PROBE_TOKEN: optional(env.string()),
  LOG_LEVEL: env.oneOf(LOG_LEVELS, 'info'),
};

type ProbeConfig = ConfigOf<typeof probeConfigSpec>;

const NIL_ID = '00000000-0000-4000-8000-000000000000';

/** One read per subgraph: identity, policy, claims, support. */
const PROBE_OPERATIONS = [
  { name: 'ProbeCustomer', query: 'query ProbeCustomer { me { id } }', variables: {} },
  {
    name: 'ProbePolicy',
    query: 'query ProbePolicy($id: UUID!) { policy(id: $id) { number } }',
    variables: { id: NIL_ID },
  },
  {
    name: 'ProbeClaim',
    query: 'query ProbeClaim($id: UUID!) { claim(id: $id) { number } }',
    variables: { id: NIL_ID },
  },
  {
    name: 'ProbeConversation',
    query: 'query ProbeConversation($id: UUID!) { conversation(id: $id) { status } }',
    variables: { id: NIL_ID },
  },
] as const;

/** Codes that mean the graph could not answer; anything else (UNAUTHENTICATED, NOT_FOUND) is an answer. */
const FAILURE_CODES = new Set([
  'SUBGRAPH_UNAVAILABLE',
  'INTERNAL_SERVER_ERROR',
  'AUTHENTICATION_UNAVAILABLE',
]);

interface Measurement {
  readonly operation: string;
  readonly durationMs: number;
  /** Why the answer does not count, when it does not. */
  readonly problem?: string;
}

async function measure(
  config: ProbeConfig,
  operation: (typeof PROBE_OPERATIONS)[number],
): Promise<Measurement> {
  const started = performance.now();
  const elapsed = () => Math.round(performance.now() - started);
  try {
    const response = await fetch(config.PROBE_GATEWAY_URL, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        'x-client-name': 'probe',
        [REQUEST_ID_HEADER]: `probe-${operation.name}-${Date.now()}`,
        ...(config.PROBE_TOKEN ? { authorization: `Bearer ${config.PROBE_TOKEN}` } : {}),
      },
      body: JSON.stringify({ query: operation.query, variables: operation.variables }),
      signal: AbortSignal.timeout(config.PROBE_TIMEOUT_MS),
    });
    const body = (await response.json()) as { errors?: { extensions?: { code?: unknown } }[] };
    const durationMs = elapsed();
    if (response.status !== 200)
      return { operation: operation.name, durationMs, problem: `HTTP ${response.status}` };
    const failed = (body.errors ?? [])
      .map((error) => error.extensions?.code)
      .map((code) => (typeof code === 'string' ? code : 'UNKNOWN'))
      .filter((code) => code === 'UNKNOWN' || FAILURE_CODES.has(code));
    if (failed.length > 0) return { operation: operation.name, durationMs, problem: failed.join(', ') };
    if (durationMs > config.PROBE_THRESHOLD_MS) {
      return {
        operation: operation.name,
        durationMs,
        problem: `slower than ${config.PROBE_THRESHOLD_MS} ms`,
      };
    }
    return { operation: operation.name, durationMs };
  } catch (error) {
    return {
      operation: operation.name,
      durationMs: elapsed(),
      problem: error instanceof Error ? error.message : String(error),
    };
  }
}

async function alert(config: ProbeConfig, log: Logger, measurement: Measurement): Promise<void> {
  log.error(measurement, 'probe alert');
  if (!config.PROBE_WEBHOOK_URL) return;
  try {
    const response = await fetch(config.PROBE_WEBHOOK_URL, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        source: 'cabinet-probe',
        gateway: config.PROBE_GATEWAY_URL,
        at: new Date().toISOString(),
        ...measurement,
      }),
      signal: AbortSignal.timeout(config.PROBE_TIMEOUT_MS),
    });
    await response.body?.cancel();
    if (!response.ok) log.error({ status: response.status }, 'probe webhook refused the alert');
  } catch (error) {
    log.error({ err: error }, 'probe webhook unreachable');
  }
}

/** One pass over the operations, one after another; resolves whether any alert was raised. */
async function runOnce(config: ProbeConfig, log: Logger): Promise<boolean> {
  let alerted = false;
  for (const operation of PROBE_OPERATIONS) {
    const measurement = await measure(config, operation);
    if (measurement.problem === undefined) {
      log.info(measurement, 'probe operation answered');
    } else {
      alerted = true;
      await alert(config, log, measurement);
    }
  }
  return alerted;
}

const config = loadConfig(probeConfigSpec);
const log = createLogger('probe', config.LOG_LEVEL);
if (process.argv.includes('--once')) {
  process.exitCode = (await runOnce(config, log)) ? 1 : 0;
} else {
  log.info({ gateway: config.PROBE_GATEWAY_URL, intervalMs: config.PROBE_INTERVAL_MS }, 'probe started');
  const tick = () => void runOnce(config, log).finally(() => setTimeout(tick, config.PROBE_INTERVAL_MS));
  tick();
  process.once('SIGTERM', () => process.exit(0));
  process.once('SIGINT', () => process.exit(0));
}
