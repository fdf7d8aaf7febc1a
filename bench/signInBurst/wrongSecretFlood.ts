/**
 * Issue #12, item 1's target: 1,000 wrong partner secrets at `POST /oauth/token` in 10 s, with every
 * limit at its default, leave other partners' and customers' p99 under 1 s and identity's circuit
 * closed. The wrong secrets come from four loopback addresses in turn, one every 10 ms; meanwhile
 * another partner asks for a token every 250 ms and a signed-in customer for `me` every 100 ms, each
 * from an address of its own (both within their default limits). Prints their p50/p99, how each was answered, and identity's
 * circuit state as the gateway's metrics showed it throughout.
 */
import { randomUUID } from 'node:crypto';
import { DEMO_PARTNER_CLIENTS, EXISTING_CUSTOMER_ID } from '@cabinet/demo-data';
import { metricsOf, sample } from '@cabinet/platform/testing';
import { graphqlFrom, partnerTokenFrom } from '../../test/support/clientAddress.ts';
import { startTestSystem } from '../../test/support/testSystem.ts';

const WRONG_SECRETS = 1_000;
const SPREAD_MS = 10_000;
const ATTACKERS = ['127.0.0.10', '127.0.0.11', '127.0.0.12', '127.0.0.13'];
const OTHER_PARTNER = '127.0.0.2';
const CUSTOMER = '127.0.0.3';
const METRICS_EVERY_MS = 250;
/** Within identity's default partner-token limit per address (60 in 15 minutes) over the flood's 10 s. */
const PARTNER_EVERY_MS = 250;
/** Within the gateway's default customer budget (300 a minute). */
const CUSTOMER_EVERY_MS = 100;
const CIRCUIT_STATES = ['closed', 'half-open', 'open'];

interface Sample {
  readonly ms: number;
  readonly outcome: string;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, Math.max(0, ms)));

function percentile(sorted: readonly number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? Number.NaN;
}

function tally(outcomes: readonly string[]): string {
  const counts = new Map<string, number>();
  for (const outcome of outcomes) counts.set(outcome, (counts.get(outcome) ?? 0) + 1);
  return [...counts].map(([outcome, count]) => `${outcome}×${count}`).join(' ');
}

function summary(name: string, samples: readonly Sample[]): string {
  const sorted = samples.map((entry) => entry.ms).sort((a, b) => a - b);
  return (
    `${name}: ${samples.length} requests, p50 ${percentile(sorted, 50)} ms, p99 ${percentile(sorted, 99)} ms, ` +
    `max ${sorted.at(-1)} ms (${tally(samples.map((entry) => entry.outcome))})`
  );
}

/** Sends `request` one after another, at most one per `everyMs`, until `running()` says stop, timing each. */
async function repeatedly(
  request: () => Promise<string>,
  everyMs: number,
  running: () => boolean,
): Promise<Sample[]> {
  const samples: Sample[] = [];
  while (running()) {
    const started = performance.now();
    const outcome = await request().catch((error: unknown) => `error:${(error as Error).message}`);
    samples.push({ ms: Math.round(performance.now() - started), outcome });
    await sleep(started + everyMs - performance.now());
  }
  return samples;
}

export async function wrongSecretFlood(): Promise<void> {
  const system = await startTestSystem();
  try {
    const tokenUrl = new URL('/oauth/token', system.gatewayUrl);
    const [attacked, other] = DEMO_PARTNER_CLIENTS;
    const customerToken = await system.token({
      kind: 'customer',
      customerId: EXISTING_CUSTOMER_ID,
      sessionId: randomUUID(),
      trusted: true,
    });
    // One of each first, so that the figures are the flood's and not a cold start's (JWKS fetch, JIT).
    await partnerTokenFrom(OTHER_PARTNER, tokenUrl, other!);
    await graphqlFrom(CUSTOMER, system.gatewayUrl, '{ me { id } }', { token: customerToken });
    let flooding = true;
    const circuitStates = new Set<number>();
    const watching = (async () => {
      while (flooding) {
        const state = sample(await metricsOf(system.gatewayMetricsUrl), 'gateway_subgraph_circuit_state', {
          subgraph: 'identity',
        });
        if (state !== undefined) circuitStates.add(state);
        await sleep(METRICS_EVERY_MS);
      }
    })();
    const partnerSamples = repeatedly(
      async () => String((await partnerTokenFrom(OTHER_PARTNER, tokenUrl, other!)).status),
      PARTNER_EVERY_MS,
      () => flooding,
    );
    const customerSamples = repeatedly(
      async () => {
        const answer = await graphqlFrom<{ me: { id: string } }>(
          CUSTOMER,
          system.gatewayUrl,
          '{ me { id } }',
          {
            token: customerToken,
          },
        );
        const code = answer.errors?.[0]?.extensions?.['code'];
        return answer.data?.me.id === EXISTING_CUSTOMER_ID ? 'OK' : `${answer.status}:${String(code)}`;
      },
      CUSTOMER_EVERY_MS,
      () => flooding,
    );

    const started = performance.now();
    const wrong: Promise<string>[] = [];
    for (let index = 0; index < WRONG_SECRETS; index += 1) {
      await sleep(started + (index * SPREAD_MS) / WRONG_SECRETS - performance.now());
      wrong.push(
        partnerTokenFrom(ATTACKERS[index % ATTACKERS.length]!, tokenUrl, {
          clientId: attacked!.clientId,
          clientSecret: `guess-${index}`,
        }).then(
          (answer) => String(answer.status),
          (error: unknown) => `error:${(error as Error).message}`,
        ),
      );
    }
    const sentMs = Math.round(performance.now() - started);
    const answers = await Promise.all(wrong);
    const answeredMs = Math.round(performance.now() - started);
    flooding = false;
    await watching;
    const states = [...circuitStates].sort().map((state) => CIRCUIT_STATES[state] ?? String(state));

    process.stdout.write(
      `wrong partner secrets at /oauth/token from ${ATTACKERS.length} addresses, default limits: ` +
        `${WRONG_SECRETS} sent in ${sentMs} ms, all answered in ${answeredMs} ms (${tally(answers)})\n` +
        `${summary("another partner's tokens", await partnerSamples)}\n` +
        `${summary("a signed-in customer's me", await customerSamples)}\n` +
        `identity's circuit at the gateway, sampled every ${METRICS_EVERY_MS} ms: ${states.join(', ') || 'no sample'}\n`,
    );
  } finally {
    await system.shutdown();
  }
}
