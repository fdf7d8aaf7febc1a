import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openDocumentStore, type DocumentStore } from '@cabinet/platform/documents';
import { registerMetricGroups } from '@cabinet/platform/metrics';
import { sample } from '@cabinet/platform/testing';
import { Registry } from 'prom-client';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { evolve, initialState, type Claim } from '../domain/claimState.ts';
import { submitted } from '../domain/testing/claimFixtures.ts';
import { ClaimSummaryRepository } from '../storage/claimSummaryRepository.ts';
import { createClaimNumberMetrics } from './claimNumberMetrics.ts';
import { ClaimNumberSequence } from './claimNumberSequence.ts';

const CLAIM_A = '0f8c6a52-2c55-4a8e-9d51-6b7f0b2a4c11';
const CLAIM_B = '1a2b3c4d-5e6f-4a7b-8c9d-0e1f2a3b4c5d';
const CLAIM_C = '2b3c4d5e-6f70-4b8c-9d0e-1f2a3b4c5d6e';

let directory: string;
let documents: DocumentStore;
let numbers: ClaimNumberSequence;
let summaries: ClaimSummaryRepository;
let registry: Registry;

beforeEach(async () => {
  directory = await mkdtemp(join(tmpdir(), 'claim-number-metrics-'));
  documents = await openDocumentStore({
    database: 'claims',
    sqliteFile: join(directory, 'documents.sqlite'),
  });
  numbers = await ClaimNumberSequence.open(documents);
  summaries = await ClaimSummaryRepository.open(documents);
  registry = new Registry();
  registerMetricGroups(registry, [createClaimNumberMetrics(numbers, summaries)]);
});

afterEach(async () => {
  await documents.close();
  await rm(directory, { recursive: true, force: true });
});

const gaps = async () => sample(await registry.metrics(), 'claims_claim_number_gaps');

/** The claim a submission under this id and number wrote, as the claims list holds it. */
async function listed(claimId: string, claimNumber: string): Promise<void> {
  const event = submitted();
  const claim = evolve(initialState, { ...event, data: { ...event.data, claimId, claimNumber } }) as Claim;
  await summaries.save(claimId, {
    claim,
    claimNumber,
    customerId: claim.customerId,
    policyId: claim.policy.policyId,
    product: claim.policy.product,
    soldByPartnerId: claim.policy.soldByPartnerId,
    status: 'SUBMITTED',
    adjusterId: null,
    submittedAt: event.data.occurredAt,
    updatedAt: event.data.occurredAt,
    nextDeadlineOn: null,
    cursor: '1',
    revision: 0,
  });
}

describe('claim number gaps', () => {
  it('count none while every reserved number has its claim', async () => {
    expect(await gaps()).toBe(0);
    await listed(CLAIM_A, await numbers.numberFor(CLAIM_A, 2026));
    expect(await gaps()).toBe(0);
  });

  it('count a number reserved for a submission whose claim was never written', async () => {
    await listed(CLAIM_A, await numbers.numberFor(CLAIM_A, 2026));
    // Claim B's append failed after its number was reserved, and its client never retried.
    await numbers.numberFor(CLAIM_B, 2026);
    await listed(CLAIM_C, await numbers.numberFor(CLAIM_C, 2026));

    expect(await gaps()).toBe(1);
  });

  it('stop counting a gap once the submission is retried and its claim written', async () => {
    await numbers.numberFor(CLAIM_B, 2026);
    expect(await gaps()).toBe(1);

    await listed(CLAIM_B, await numbers.numberFor(CLAIM_B, 2026));

    expect(await gaps()).toBe(0);
  });
});
