/**
 * bench/subscriptions' measurement, shared with bench/support so both print the claims figures the same
 * way: N customers, each following their own claim over graphql-ws through a gateway, while a driver
 * appends 200 status changes a second to random claims for 10 s. The claims are written straight into
 * the system's event store, as claims' own command handler would.
 */
import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
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
import { openEventStore } from '@cabinet/platform/eventstore';
import { CustomerKeyVault } from '@cabinet/platform/privacy';
import type { TestSystem } from '../../test/support/testSystem.ts';
import { DeliveryLedger, type DeliveryFigures } from './deliveryLedger.ts';
import { LiveClients } from './liveClients.ts';
import { paced, sleep } from './pacing.ts';
import { writeFile } from 'node:fs/promises';
import { INSPECTED_ENV, inspectorAddress, InspectorSession, type MemoryAfterGc } from './inspectedMemory.ts';

export const CLAIM_CHANGES_PER_SECOND = 200;
const DRIVE_SECONDS = 10;
const CONNECT_WITHIN_MS = 120_000;
const DRAIN_MS = 3_000;
const SETTLE_MS = 3_000;
/** How long claims may take, once every socket is acknowledged, to have every subscription running. */
const ESTABLISH_WITHIN_MS = 60_000;

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

/**
 * A gateway a round's subscribers connect to: ours restarted, or a peer launched for the round, either
 * started with INSPECTED_ENV so that its memory is read after a full collection.
 */
export interface BenchGateway {
  /** How files written for the round name it (`ours`, `plain-hive`). */
  readonly name: string;
  readonly url: string;
  /** Its inspector's address (see ./inspectedMemory.ts). */
  readonly inspector: string;
  stop(): Promise<unknown>;
}

/**
 * Growth per subscriber while they connected (per subscription claims ran when read), KiB with one
 * decimal, each process read after a full GC.
 */
export interface KiBPerSubscriber {
  readonly gateway: string;
  readonly claims: string;
  readonly total: string;
}

export interface ClaimRoundFigures extends DeliveryFigures {
  readonly subscribers: number;
  readonly held: number;
  /** Subscriptions claims ran when memory was read: the memory figures are per one of them. */
  readonly established: number;
  /** How the subscriptions that were not held to the end ended, and how many each way. */
  readonly endings: ReadonlyMap<string, number>;
  /** Resident memory's growth per subscriber (the figure the target is for). */
  readonly kibPerSubscriber: KiBPerSubscriber;
  /** The V8 heap's live objects and the memory they hold outside it, growth per subscriber. */
  readonly heapKiBPerSubscriber: KiBPerSubscriber;
}

export interface ClaimStatusBench {
  /** How many claims are prepared: the most subscribers a round may have. */
  readonly prepared: number;
  /** One round on freshly started claims and gateway processes (`gateway` starts the latter). */
  round(size: number, gateway: () => Promise<BenchGateway>): Promise<ClaimRoundFigures>;
  close(): Promise<void>;
}

/** Our gateway for a round, restarted so it does not inherit an earlier round's heap. */
export const ourGateway = (system: TestSystem) => async (): Promise<BenchGateway> => ({
  name: 'ours',
  ...(await restartInspected(system, 'gateway')),
  stop: () => Promise.resolve(),
});

/** Restarts a service of the system with its inspector open, and learns the inspector's address. */
async function restartInspected(
  system: TestSystem,
  name: 'gateway' | 'claims',
): Promise<{ url: string; inspector: string }> {
  const printedBefore = system.logs.get(name)?.length ?? 0;
  const { url } = await system.restart(name, INSPECTED_ENV);
  const inspector = await inspectorAddress(() => (system.logs.get(name) ?? []).slice(printedBefore));
  return { url, inspector };
}

export interface ClaimStatusBenchOptions {
  /**
   * Where to write, for each round, a sampling heap profile of the gateway and of claims: what was
   * allocated while the subscribers connected and is still alive, with its stacks
   * (`<gateway>-<size>-<process>.heapprofile`). The sampling itself holds memory: figures of such a
   * run are a little higher.
   */
  readonly heapProfileDir?: string | undefined;
}

/** Prepares `count` claims in progress, each of its own customer, in the system's stores. */
export async function prepareClaimStatusBench(
  system: TestSystem,
  count: number,
  options: ClaimStatusBenchOptions = {},
): Promise<ClaimStatusBench> {
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
      { ...command, metadata: { commandId: randomUUID(), now: new Date() } } as ClaimCommand,
      { correlationId: randomUUID() },
    );
    claim.cursor = outcome.position ?? claim.cursor;
    return outcome.position;
  };
  const claims: BenchClaim[] = [];
  for (let index = 0; index < count; index++) claims.push(await prepareClaim(index));

  return {
    prepared: claims.length,
    async round(size, startGateway) {
      const { inspector } = await restartInspected(system, 'claims');
      return round(claims.slice(0, size), await startGateway(), inspector);
    },
    async close() {
      await events.close();
      await documents.close();
    },
  };

  async function prepareClaim(index: number): Promise<BenchClaim> {
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
        noticeName: null,
        documents: [],
      },
    });
    await run(claim, { type: 'AcceptClaim', actor: STAFF, data: {} });
    await run(claim, {
      type: 'AssignClaim',
      actor: STAFF,
      data: {
        adjusterId: 'bench-supervisor',
        registered: {
          staffId: 'bench-supervisor',
          fullName: 'Петров Пётр Петрович',
          roles: ['adjuster', 'supervisor'],
        },
      },
    });
    await run(claim, { type: 'StartClaimWork', actor: STAFF, data: {} });
    return claim;
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

  async function round(
    followed: BenchClaim[],
    gateway: BenchGateway,
    claimsInspector: string,
  ): Promise<ClaimRoundFigures> {
    const inspected = {
      gateway: await InspectorSession.open(gateway.inspector),
      claims: await InspectorSession.open(claimsInspector),
    };
    const measured = async () => ({
      gateway: await inspected.gateway.memoryAfterGc(),
      claims: await inspected.claims.memoryAfterGc(),
    });
    const before = await measured();
    const { heapProfileDir } = options;
    if (heapProfileDir !== undefined) {
      await inspected.gateway.startHeapSampling();
      await inspected.claims.startHeapSampling();
    }
    const ledger = new DeliveryLedger();
    const clients = new LiveClients(gateway.url);
    for (const claim of followed) {
      const token = await system.token({
        kind: 'customer',
        customerId: claim.customerId,
        sessionId: randomUUID(),
        trusted: true,
      });
      clients.subscribe<{ claimStatusChanged: { cursor: string } }>(
        clients.open(token),
        { query: SUBSCRIPTION, variables: { id: claim.claimId, after: claim.cursor } },
        (data) => ledger.arrived(claim.claimId, data.claimStatusChanged.cursor, performance.now()),
      );
    }
    await clients.settle(CONNECT_WITHIN_MS, SETTLE_MS);
    const established = await subscriptionsAtClaims(clients.held);
    const after = await measured();
    if (heapProfileDir !== undefined) {
      for (const [name, session] of Object.entries(inspected)) {
        const file = join(heapProfileDir, `${gateway.name}-${followed.length}-${name}.heapprofile`);
        await writeFile(file, await session.heapSamplingProfile());
      }
    }
    for (const session of Object.values(inspected)) session.close();

    await paced(CLAIM_CHANGES_PER_SECOND, DRIVE_SECONDS, () => {
      const claim = followed[Math.floor(Math.random() * followed.length)] as BenchClaim;
      if (claim.busy) return undefined;
      claim.busy = true;
      const appending = performance.now();
      return run(claim, nextChange(claim)).then((position) => {
        if (position !== null) ledger.expect(claim.claimId, position, appending);
        claim.documentsRequested = !claim.documentsRequested;
        claim.busy = false;
      });
    });
    await sleep(DRAIN_MS);

    const held = clients.held;
    const endings = new Map(clients.endings);
    await clients.close();
    await gateway.stop();
    return {
      subscribers: followed.length,
      held,
      established,
      endings,
      ...ledger.figures(),
      kibPerSubscriber: growthPer(before, after, established, 'rssKiB'),
      heapKiBPerSubscriber: growthPer(before, after, established, 'heapKiB'),
    };
  }

  /**
   * Waits (a bounded time) until claims runs `wanted` subscriptions, as its own gauge says: on a busy
   * machine the gateway may still be forwarding them when every socket is acknowledged, and memory read
   * then would be shared by subscribers not all there. Returns how many it runs.
   */
  async function subscriptionsAtClaims(wanted: number): Promise<number> {
    const by = Date.now() + ESTABLISH_WITHIN_MS;
    for (;;) {
      const metrics = await (await fetch(new URL('/metrics', system.services.claims.url))).text();
      const running = Number(/^subgraph_active_subscriptions(?:\{[^}]*\})? (\S+)$/m.exec(metrics)?.[1] ?? 0);
      if (running >= wanted || Date.now() > by) return running;
      await sleep(500);
    }
  }
}

type Readings = Readonly<Record<'gateway' | 'claims', MemoryAfterGc>>;

function growthPer(
  before: Readings,
  after: Readings,
  subscribers: number,
  measure: keyof MemoryAfterGc,
): KiBPerSubscriber {
  const per = (grown: number) => (subscribers === 0 ? 'n/a' : (grown / subscribers).toFixed(1));
  const gateway = after.gateway[measure] - before.gateway[measure];
  const claims = after.claims[measure] - before.claims[measure];
  return { gateway: per(gateway), claims: per(claims), total: per(gateway + claims) };
}
