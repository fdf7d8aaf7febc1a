import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openClaimCommands } from '@cabinet/claims/commands';
import {
  CLAIM_STREAM_CATEGORY,
  claimStatusOf,
  decide,
  evolve,
  initialState,
  type ClaimState,
} from '@cabinet/claims/domain';
import { claimRulesFromConfig, loadClaimsConfig } from '@cabinet/claims/testing';
import { DEMO_STAFF, EXISTING_CUSTOMER_ID, demoCustomers, demoPolicyCast } from '@cabinet/demo-data';
import { addDays, daysBetween } from '@cabinet/kernel';
import { openEventStore } from '@cabinet/platform/eventstore';
import { statusOn } from '@cabinet/policy/domain';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { demoClaimPlans, seedDemoClaims } from './demoClaims.ts';

/** A day on which the demo registry used to hold no policy in force for these claims. */
const SEEDED_AT = new Date('2026-12-05T15:00:00.000Z');
const rules = claimRulesFromConfig(loadClaimsConfig({}));

describe('seedDemoClaims', () => {
  let dataDir: string;

  beforeEach(async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'demo-claims-'));
  });
  afterEach(async () => {
    await rm(dataDir, { recursive: true, force: true });
  });

  it('makes a submitted claim, one awaiting documents and a paid one, once however often it runs', async () => {
    const claims = await openClaimCommands(
      loadClaimsConfig({ DATA_DIR: dataDir, LOG_LEVEL: 'silent' }),
      () => SEEDED_AT,
    );
    try {
      expect(await seedDemoClaims(claims, SEEDED_AT)).toBe(3);
      expect(await seedDemoClaims(claims, SEEDED_AT)).toBe(0);
    } finally {
      await claims.close();
    }
    const events = await openEventStore({ sqliteFile: join(dataDir, 'events.sqlite') });
    try {
      const lastTypes = new Map<string, string>();
      for (const event of await events.readAll({ categories: [CLAIM_STREAM_CATEGORY], maxCount: 1_000 })) {
        lastTypes.set(event.stream, event.type);
      }
      expect([...lastTypes.values()].sort()).toEqual([
        'ClaimDocumentsRequested',
        'ClaimPaidOut',
        'ClaimSubmitted',
      ]);
    } finally {
      await events.close();
    }
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
