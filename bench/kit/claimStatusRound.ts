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
import { kibPer, residentKiB } from './processMemory.ts';

export const CLAIM_CHANGES_PER_SECOND = 200;
const DRIVE_SECONDS = 10;
const CONNECT_WITHIN_MS = 120_000;
const DRAIN_MS = 3_000;
const SETTLE_MS = 3_000;

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

/** A gateway a round's subscribers connect to: ours restarted, or a peer launched for the round. */
export interface BenchGateway {
  readonly url: string;
  readonly pid: number;
  stop(): Promise<unknown>;
}

export interface ClaimRoundFigures extends DeliveryFigures {
  readonly subscribers: number;
  readonly held: number;
  /** Growth of resident memory per subscriber while they connected, KiB. */
  readonly kibPerSubscriber: { readonly gateway: string; readonly claims: string; readonly total: string };
}

export interface ClaimStatusBench {
  /** How many claims are prepared: the most subscribers a round may have. */
  readonly prepared: number;
  /** One round on freshly started claims and gateway processes (`gateway` starts the latter). */
  round(size: number, gateway: () => Promise<BenchGateway>): Promise<ClaimRoundFigures>;
  close(): Promise<void>;
}

/** Our gateway for a round, restarted so it does not inherit an earlier round's heap. */
export const ourGateway = (system: TestSystem) => async (): Promise<BenchGateway> => {
  const gateway = await system.restart('gateway');
  return { url: gateway.url, pid: gateway.pid, stop: () => Promise.resolve() };
};

/** Prepares `count` claims in progress, each of its own customer, in the system's stores. */
export async function prepareClaimStatusBench(system: TestSystem, count: number): Promise<ClaimStatusBench> {
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
      await system.restart('claims');
      return round(claims.slice(0, size), await startGateway());
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

  async function round(followed: BenchClaim[], gateway: BenchGateway): Promise<ClaimRoundFigures> {
    const measured = () => ({
      gateway: residentKiB(gateway.pid),
      claims: residentKiB(system.services.claims.pid),
    });
    const before = measured();
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
    const after = measured();

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
    await clients.close();
    await gateway.stop();
    return {
      subscribers: followed.length,
      held,
      ...ledger.figures(),
      kibPerSubscriber: {
        gateway: kibPer(before.gateway, after.gateway, followed.length),
        claims: kibPer(before.claims, after.claims, followed.length),
        total: kibPer(before.gateway + before.claims, after.gateway + after.claims, followed.length),
      },
    };
  }
}
