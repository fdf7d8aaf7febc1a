/**
 * Live claim status at scale: N graphql-ws subscribers through the gateway, each a distinct customer
 * following their own claim, while a driver appends 200 status changes per second to random claims.
 * Prints delivery latency from append to client, missed and duplicated deliveries, and the gateway's
 * and claims subgraph's resident memory per subscriber. Each size runs through our gateway and then
 * through a plain Hive Gateway runtime (./plainGateway.ts, one upstream socket per user token), each
 * round on freshly started gateway and claims processes so neither inherits the other's heap.
 *
 *   npx tsx bench/subscriptions/index.ts [N ...]     (default 1000 5000 10000)
 */
import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import {
  ClaimCommandHandler,
  claimRulesFromConfig,
  formatClaimNumber,
  loadClaimsConfig,
  withoutActivity,
  type ClaimActor,
  type ClaimCommand,
} from '@cabinet/claims/testing';
import { openDocumentStore } from '@cabinet/platform/documents';
import { CustomerKeyVault } from '@cabinet/platform/privacy';
import { openEventStore } from '@cabinet/platform/eventstore';
import type { Client } from 'graphql-ws';
import { wsClient } from '../../test/support/graphqlClient.ts';
import { startTestSystem } from '../../test/support/testSystem.ts';
import { launch, type ServiceProcess } from '../../scripts/launcher.ts';

const SIZES = process.argv
  .slice(2)
  .map(Number)
  .filter((n) => n > 0);
const ROUNDS = SIZES.length > 0 ? SIZES : [1_000, 5_000, 10_000];
const CHANGES_PER_SECOND = 200;
const DRIVE_SECONDS = 10;
const DRAIN_MS = 3_000;
const SETTLE_MS = 3_000;
const BENCH_DEADLINE_MS = 15 * 60_000;
/** Sockets a process keeps open besides those of its subscribers (listeners, stores, logs). */
const SPARE_DESCRIPTORS = 200;

const STAFF: ClaimActor = { kind: 'staff', staffId: 'bench-supervisor', role: 'supervisor' };
const SUBSCRIPTION = /* GraphQL */ `
  subscription ($id: UUID!, $after: String) {
    claimStatusChanged(claimId: $id, after: $after) {
      cursor
      status
    }
  }
`;

interface BenchClaim {
  readonly claimId: string;
  readonly customerId: string;
  cursor: string;
  documentsRequested: boolean;
  busy: boolean;
}

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
  const events = await openEventStore({ sqliteFile: join(system.dataDir, 'events.sqlite') });
  const documents = await openDocumentStore({
    database: 'claims',
    sqliteFile: join(system.dataDir, 'claims', 'documents.sqlite'),
  });
  const handler = new ClaimCommandHandler(
    events,
    await CustomerKeyVault.open(documents, () => new Date()),
    claimRulesFromConfig(loadClaimsConfig({})),
    withoutActivity,
  );
  const run = async (claim: BenchClaim, command: Omit<ClaimCommand, 'metadata'>) => {
    const outcome = await handler.execute(
      claim.claimId,
      { ...command, metadata: { now: new Date() } } as ClaimCommand,
      { correlationId: randomUUID() },
    );
    claim.cursor = outcome.position ?? claim.cursor;
    return outcome.position;
  };

  const claims = await prepareClaims(Math.max(...ROUNDS));
  process.stdout.write(`prepared ${claims.length} claims in progress\n`);
  const rows: string[] = [];
  const descriptorLimit = openFilesLimit();
  for (const size of ROUNDS) {
    rows.push(await round('ours', claims.slice(0, size)));
    // The plain gateway holds two sockets per subscriber (client and upstream) in one process.
    if (2 * size + SPARE_DESCRIPTORS <= descriptorLimit)
      rows.push(await round('plain Hive', claims.slice(0, size)));
    else
      rows.push(
        `plain Hive | ${size} | not run: needs ${2 * size} sockets, the process may open ${descriptorLimit}`,
      );
  }
  process.stdout.write(
    [
      '',
      'gateway | subscribers | held | p50 ms | p99 ms | missed | duplicated | KiB/subscriber gateway | claims | total',
      ...rows,
      '',
      'targets: 10,000 held; p99 ≤ 250 ms at 1,000; ≤ 50 KiB per subscriber; missed = duplicated = 0',
      '',
    ].join('\n'),
  );
  await events.close();
  await documents.close();

  async function prepareClaims(count: number): Promise<BenchClaim[]> {
    const prepared: BenchClaim[] = [];
    for (let index = 0; index < count; index++) {
      const claim: BenchClaim = {
        claimId: randomUUID(),
        customerId: randomUUID(),
        cursor: '',
        documentsRequested: false,
        busy: false,
      };
      await run(claim, {
        type: 'SubmitClaim',
        actor: { kind: 'customer', customerId: claim.customerId },
        data: {
          claimId: claim.claimId,
          claimNumber: formatClaimNumber({ year: 2026, sequence: index + 1 }),
          policy: {
            policyId: randomUUID(),
            policyNumber: `ХХХ ${String(index).padStart(10, '0')}`,
            product: 'KASKO',
            soldByPartnerId: null,
          },
          incident: { occurredOn: '2026-01-10', kind: 'ДТП', place: 'Москва', description: 'Столкновение' },
          contact: { phone: '+79001234567', email: null },
          noticeEmail: null,
          documents: [],
        },
      });
      await run(claim, { type: 'AcceptClaim', actor: STAFF, data: {} });
      await run(claim, {
        type: 'AssignClaim',
        actor: STAFF,
        data: {
          adjusterId: 'bench-supervisor',
          registered: { staffId: 'bench-supervisor', roles: ['adjuster', 'supervisor'] },
        },
      });
      await run(claim, { type: 'StartClaimWork', actor: STAFF, data: {} });
      prepared.push(claim);
    }
    return prepared;
  }

  /** One status change: documents requested, or provided again, so the status moves every time. */
  function nextChange(claim: BenchClaim): Omit<ClaimCommand, 'metadata'> {
    return claim.documentsRequested
      ? {
          type: 'ProvideClaimDocuments',
          actor: { kind: 'customer', customerId: claim.customerId },
          data: {
            documents: [
              {
                documentId: randomUUID(),
                fileName: 'справка.pdf',
                contentType: 'application/pdf',
                sizeBytes: 1_000,
                sha256: 'b'.repeat(64),
              },
            ],
          },
        }
      : { type: 'RequestClaimDocuments', actor: STAFF, data: { message: 'Нужна справка' } };
  }

  /** Fresh claims and gateway processes for one round: ours restarted, or the plain one launched. */
  async function freshGateway(
    kind: 'ours' | 'plain Hive',
  ): Promise<{ url: string; pid: number; stop(): Promise<unknown> }> {
    await system.restart('claims');
    if (kind === 'ours') {
      const gateway = await system.restart('gateway');
      return { url: gateway.url, pid: gateway.pid, stop: () => Promise.resolve() };
    }
    const plain: ServiceProcess = await launch(
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
    return plain;
  }

  async function round(kind: 'ours' | 'plain Hive', followed: BenchClaim[]): Promise<string> {
    const gateway = await freshGateway(kind);
    const measured = () => memoryKiB(gateway.pid);
    const before = measured();
    const appendedAt = new Map<string, number>();
    const received = new Map<string, number>();
    const latencies: number[] = [];
    const clients: Client[] = [];
    let connected = 0;
    let failed = 0;
    for (const claim of followed) {
      const token = await system.token({
        kind: 'customer',
        customerId: claim.customerId,
        sessionId: randomUUID(),
        trusted: true,
      });
      const client = wsClient(gateway.url, token);
      client.on('connected', () => (connected += 1));
      client.subscribe<{ claimStatusChanged: { cursor: string } }>(
        { query: SUBSCRIPTION, variables: { id: claim.claimId, after: claim.cursor } },
        {
          next: ({ data }) => {
            const cursor = data?.claimStatusChanged.cursor;
            if (cursor === undefined) return;
            const at = appendedAt.get(cursor);
            if (at !== undefined && !received.has(cursor)) latencies.push(performance.now() - at);
            received.set(cursor, (received.get(cursor) ?? 0) + 1);
          },
          error: () => (failed += 1),
          complete: () => undefined,
        },
      );
      clients.push(client);
    }
    const connectBy = Date.now() + 120_000;
    while (connected + failed < followed.length && Date.now() < connectBy) await sleep(200);
    await sleep(SETTLE_MS);
    const held = connected - failed;
    const after = measured();

    const driveUntil = performance.now() + DRIVE_SECONDS * 1_000;
    const pending: Promise<void>[] = [];
    while (performance.now() < driveUntil) {
      const tickStart = performance.now();
      for (let i = 0; i < CHANGES_PER_SECOND / 10; i++) {
        const claim = followed[Math.floor(Math.random() * followed.length)] as BenchClaim;
        if (claim.busy) continue;
        claim.busy = true;
        pending.push(
          run(claim, nextChange(claim)).then((position) => {
            if (position !== null) appendedAt.set(position, performance.now());
            claim.documentsRequested = !claim.documentsRequested;
            claim.busy = false;
          }),
        );
      }
      await sleep(Math.max(0, 100 - (performance.now() - tickStart)));
    }
    await Promise.all(pending);
    await sleep(DRAIN_MS);

    const missed = [...appendedAt.keys()].filter((cursor) => !received.has(cursor)).length;
    const duplicated = [...received.values()].filter((count) => count > 1).length;
    latencies.sort((a, b) => a - b);
    const perSubscriber = (kib: (memory: Memory) => number) =>
      ((kib(after) - kib(before)) / followed.length).toFixed(1);
    for (const client of clients) await client.dispose();
    await gateway.stop();
    return [
      kind,
      followed.length,
      held,
      percentile(latencies, 0.5).toFixed(1),
      percentile(latencies, 0.99).toFixed(1),
      missed,
      duplicated,
      perSubscriber((memory) => memory.gateway),
      perSubscriber((memory) => memory.claims),
      perSubscriber((memory) => memory.gateway + memory.claims),
    ].join(' | ');
  }
} finally {
  await system.shutdown();
  clearTimeout(deadline);
}

interface Memory {
  readonly gateway: number;
  readonly claims: number;
}

/** Resident memory (KiB) of a gateway and the claims subgraph, read from /proc by their PIDs. */
function memoryKiB(gatewayPid: number): Memory {
  const rss = (pid: number) =>
    Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1] ?? 0);
  return { gateway: rss(gatewayPid), claims: rss(system.services.claims.pid) };
}

/** How many descriptors a process of this machine may open (children inherit the limit). */
function openFilesLimit(): number {
  const limits = readFileSync('/proc/self/limits', 'utf8');
  return Number(/Max open files\s+(\d+)/.exec(limits)?.[1] ?? 1024);
}

function percentile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return Number.NaN;
  return sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))] as number;
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
