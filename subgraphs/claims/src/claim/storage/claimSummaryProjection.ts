import { clearCollection } from '@cabinet/platform/documents';
import type { RecordedEvent } from '@cabinet/platform/eventstore';
import type { Projection } from '@cabinet/platform/projections';
import { claimEventOf } from '../application/claimEventCodec.ts';
import { nextClaimDeadline } from '../domain/claimDeadlines.ts';
import { evolve, initialState, claimStatusOf } from '../domain/claimState.ts';
import { CLAIM_STREAM_CATEGORY } from '../domain/claimStreamId.ts';
import type { ClaimSummary } from './claimSummary.ts';
import type { ClaimSummaryRepository } from './claimSummaryRepository.ts';

export const CLAIM_SUMMARY_PROJECTION = 'claim-summaries';

/** Folds each claim event into the claim's summary row; an event at or below the stored revision is skipped. */
export function claimSummaryProjection(summaries: ClaimSummaryRepository): Projection {
  return {
    name: CLAIM_SUMMARY_PROJECTION,
    categories: [CLAIM_STREAM_CATEGORY],
    async apply(recorded: RecordedEvent) {
      const event = claimEventOf(recorded);
      const claimId = event.data.claimId;
      const stored = await summaries.get(claimId);
      const revision = Number(recorded.revision);
      if (stored && stored.revision >= revision) return;
      const state = evolve(stored?.claim ?? initialState, event);
      if (state.kind === 'none') return;
      const summary: ClaimSummary = {
        claim: state,
        claimNumber: state.claimNumber,
        customerId: state.customerId,
        policyId: state.policy.policyId,
        product: state.policy.product,
        soldByPartnerId: state.policy.soldByPartnerId,
        status: claimStatusOf(state),
        adjusterId: state.adjusterId,
        submittedAt: stored?.submittedAt ?? event.data.occurredAt,
        updatedAt: event.data.occurredAt,
        nextDeadlineOn: nextClaimDeadline(state)?.dueOn ?? null,
        cursor: recorded.position,
        revision,
      };
      await summaries.save(claimId, summary);
    },
    reset: () => clearCollection(summaries.collection),
  };
}
