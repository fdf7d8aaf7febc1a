import { clearCollection } from '@cabinet/platform/documents';
import type { RecordedEvent } from '@cabinet/platform/eventstore';
import type { Projection } from '@cabinet/platform/projections';
import { claimEventOf } from '../application/claimEventCodec.ts';
import { nextClaimDeadline } from '../domain/claimDeadlines.ts';
import { claimStatusOf, evolve, initialState } from '../domain/claimState.ts';
import { CLAIM_STREAM_CATEGORY, claimIdOfStream } from '../domain/claimStreamId.ts';
import { NO_DEADLINE } from './claimQueue.ts';
import type { ClaimQueueRepository } from './claimQueueRepository.ts';

/** Keeps the staff queue's row of each claim; an event at or below the stored revision is skipped. */
export function claimQueueProjection(queue: ClaimQueueRepository): Projection {
  return {
    name: 'claim-queue',
    categories: [CLAIM_STREAM_CATEGORY],
    async apply(recorded: RecordedEvent) {
      const claimId = claimIdOfStream(recorded.stream);
      if (claimId === null) return;
      const stored = await queue.get(claimId);
      const revision = Number(recorded.revision);
      if (stored && stored.revision >= revision) return;
      const event = claimEventOf(recorded);
      const claim = evolve(stored?.claim ?? initialState, event);
      if (claim.kind === 'none') return;
      const nextDeadline = nextClaimDeadline(claim);
      await queue.save(claimId, {
        claim,
        claimNumber: claim.claimNumber,
        status: claimStatusOf(claim),
        product: claim.policy.product,
        adjusterId: claim.adjusterId,
        dueOn: nextDeadline?.dueOn ?? NO_DEADLINE,
        nextDeadline,
        submittedAt: stored?.submittedAt ?? event.data.occurredAt,
        updatedAt: event.data.occurredAt,
        cursor: recorded.position,
        revision,
      });
    },
    reset: () => clearCollection(queue.collection),
  };
}
