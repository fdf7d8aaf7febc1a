import { clearCollection } from '@cabinet/platform/documents';
import type { RecordedEvent } from '@cabinet/platform/eventstore';
import type { Projection } from '@cabinet/platform/projections';
import { CLAIM_STREAM_CATEGORY, claimIdOfStream } from '../domain/claimStreamId.ts';
import { evolveClaimCard } from './claimCardFold.ts';
import type { ClaimCardRepository } from './claimCardRepository.ts';

/** Keeps each claim's card; an event at or below the stored revision is skipped. */
export function claimCardProjection(cards: ClaimCardRepository): Projection {
  return {
    name: 'claim-cards',
    categories: [CLAIM_STREAM_CATEGORY],
    async apply(recorded: RecordedEvent) {
      const claimId = claimIdOfStream(recorded.stream);
      if (claimId === null) return;
      const stored = await cards.get(claimId);
      if (stored && stored.revision >= Number(recorded.revision)) return;
      const card = evolveClaimCard(stored, recorded);
      if (card) await cards.save(card);
    },
    reset: () => clearCollection(cards.collection),
  };
}
