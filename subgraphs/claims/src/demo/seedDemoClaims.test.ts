import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  openDocumentStore,
  openEventStore,
  type DocumentStore,
  type EventStore,
  type RecordedEvent,
} from '@cabinet/platform';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { withoutActivity } from '../claim/application/claimActivity.ts';
import { ClaimCommandHandler } from '../claim/application/claimCommandHandler.ts';
import { ClaimNumberSequence } from '../claim/application/claimNumberSequence.ts';
import { claimRulesFromConfig } from '../claim/application/claimRulesFromConfig.ts';
import { claimStatusOf } from '../claim/domain/claimState.ts';
import { CLAIM_STREAM_CATEGORY } from '../claim/domain/claimStreamId.ts';
import { foldClaimCard } from '../claim/readModel/claimCardFold.ts';
import { loadClaimsConfig } from '../config.ts';
import { CustomerKeyVault } from '../privacy/customerKeyVault.ts';
import { seedDemoClaims, type DemoClaimsDeps } from './seedDemoClaims.ts';

describe('seedDemoClaims', () => {
  let dataDir: string;
  let events: EventStore;
  let documents: DocumentStore;
  let deps: DemoClaimsDeps;

  beforeEach(async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'demo-claims-'));
    events = await openEventStore({ sqliteFile: join(dataDir, 'events.sqlite') });
    documents = await openDocumentStore({
      database: 'claims',
      sqliteFile: join(dataDir, 'documents.sqlite'),
    });
    const now = () => new Date();
    const handler = new ClaimCommandHandler(
      events,
      await CustomerKeyVault.open(documents, now),
      claimRulesFromConfig(loadClaimsConfig({})),
      withoutActivity,
    );
    deps = { events, handler, numbers: await ClaimNumberSequence.open(documents), now };
  });
  afterEach(async () => {
    await events.close();
    await documents.close();
    await rm(dataDir, { recursive: true, force: true });
  });

  async function statusesByStream(): Promise<string[]> {
    const streams = new Map<string, RecordedEvent[]>();
    for (const event of await events.readAll({ categories: [CLAIM_STREAM_CATEGORY], maxCount: 1_000 })) {
      streams.set(event.stream, [...(streams.get(event.stream) ?? []), event]);
    }
    return [...streams.values()].map((recorded) => {
      const card = foldClaimCard(recorded);
      return card ? claimStatusOf(card.claim) : 'none';
    });
  }

  it('makes a submitted claim, one awaiting documents and a paid one, once however often it runs', async () => {
    expect(await seedDemoClaims(deps)).toBe(3);
    expect(await seedDemoClaims(deps)).toBe(0);
    expect((await statusesByStream()).sort()).toEqual(['COMPLETED', 'DOCUMENTS_REQUESTED', 'SUBMITTED']);
  });
});
