import type { DocumentStore } from '@cabinet/platform/documents';
import type { ReadModelLease } from '@cabinet/platform/leases';
import type { Projection } from '@cabinet/platform/projections';
import { claimCardProjection } from './claimCardProjection.ts';
import { ClaimCardRepository } from './claimCardRepository.ts';
import { claimQueueProjection } from './claimQueueProjection.ts';
import { ClaimQueueRepository } from './claimQueueRepository.ts';
import { claimSummaryProjection } from './claimSummaryProjection.ts';
import { ClaimSummaryRepository } from './claimSummaryRepository.ts';

/** The lease the claims service and a rebuild of its read models share. */
export const CLAIM_READ_MODELS: ReadModelLease = {
  lease: 'claims-read-models',
  service: 'the claims service',
};

/** The claim read models (customer's list, claim card, staff queue) and the projections that keep them. */
export interface ClaimReadModels {
  readonly summaries: ClaimSummaryRepository;
  readonly cards: ClaimCardRepository;
  readonly queue: ClaimQueueRepository;
  readonly projections: readonly Projection[];
}

export async function openClaimReadModels(documents: DocumentStore): Promise<ClaimReadModels> {
  const [summaries, cards, queue] = await Promise.all([
    ClaimSummaryRepository.open(documents),
    ClaimCardRepository.open(documents),
    ClaimQueueRepository.open(documents),
  ]);
  return {
    summaries,
    cards,
    queue,
    projections: [claimSummaryProjection(summaries), claimCardProjection(cards), claimQueueProjection(queue)],
  };
}
