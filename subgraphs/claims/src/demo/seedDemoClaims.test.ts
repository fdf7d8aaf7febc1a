import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openDocumentStore, type DocumentStore } from '@cabinet/platform/documents';
import { openEventStore, type EventStore, type RecordedEvent } from '@cabinet/platform/eventstore';
import { DEMO_STAFF, EXISTING_CUSTOMER_ID, demoCustomers, demoPolicyCast } from '@cabinet/demo-data';
import { statusOn } from '@cabinet/policy/domain';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { addDays, daysBetween } from '@cabinet/kernel';
import { withoutActivity } from '../claim/application/claimActivity.ts';
import { ClaimCommandHandler } from '../claim/application/claimCommandHandler.ts';
import { ClaimNumberSequence } from '../claim/application/claimNumberSequence.ts';
import { claimRulesFromConfig } from '../claim/application/claimRulesFromConfig.ts';
import { claimStatusOf, evolve, initialState, type ClaimState } from '../claim/domain/claimState.ts';
import { decide } from '../claim/domain/decide.ts';
import { CLAIM_STREAM_CATEGORY } from '../claim/domain/claimStreamId.ts';
import { foldClaimCard } from '../claim/readModel/claimCardFold.ts';
import { loadClaimsConfig } from '../config.ts';
import { CustomerKeyVault } from '../privacy/customerKeyVault.ts';
import { demoClaimPlans, seedDemoClaims, type DemoClaimsDeps } from './seedDemoClaims.ts';

/** A day on which the demo registry used to hold no policy in force for these claims. */
const SEEDED_AT = new Date('2026-12-05T15:00:00.000Z');
const rules = claimRulesFromConfig(loadClaimsConfig({}));

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
    const now = () => SEEDED_AT;
    const handler = new ClaimCommandHandler(
      events,
      await CustomerKeyVault.open(documents, now),
      rules,
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

describe('the demo claims, planned on every day from 2025 to 2027', () => {
  const customers = demoCustomers();
  const customer = customers.find((candidate) => candidate.id === EXISTING_CUSTOMER_ID)!;
  const days = Array.from({ length: daysBetween('2025-01-01', '2027-12-31') + 1 }, (_, index) =>
    addDays('2025-01-01', index),
  );

  it.each(days.map((day) => [day]))('are filed on a policy in force and decided as planned on %s', (day) => {
    const now = new Date(`${day}T15:00:00.000Z`);
    const policy = demoPolicyCast(customers, now)['existingCustomer.osagoInForce'];
    const plans = demoClaimPlans({ customer, policy, staff: DEMO_STAFF }, now);
    const statuses = plans.map((plan) => {
      const submit = plan.submit('У-2026-000001');
      if (submit.type !== 'SubmitClaim') throw new Error('a plan starts with its submission');
      const { occurredOn } = submit.data.incident;
      expect(policy.period.startsOn <= occurredOn && occurredOn <= policy.period.endsOn).toBe(true);
      expect(statusOn(policy, occurredOn)).toBe('ACTIVE');
      const state = [submit, ...plan.steps].reduce<ClaimState>(
        (current, command) => decide(command, current, rules).reduce(evolve, current),
        initialState,
      );
      return state.kind === 'none' ? 'none' : claimStatusOf(state);
    });
    expect(statuses).toEqual(['SUBMITTED', 'DOCUMENTS_REQUESTED', 'COMPLETED']);
  });
});
