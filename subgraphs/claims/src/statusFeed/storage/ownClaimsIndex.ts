import type { DocumentStore } from '@cabinet/platform/documents';
import { appliedUpTo } from '@cabinet/platform/projections';
import { CLAIM_SUMMARY_PROJECTION } from '../../claim/storage/claimSummaryProjection.ts';
import type { ClaimSummaryRepository } from '../../claim/storage/claimSummaryRepository.ts';
import type { OwnClaimsIndex } from '../application/claimStatusFeed.ts';

/** A customer's claims from the claim summaries, with the summaries projection's checkpoint. */
export function ownClaimsIndex(documents: DocumentStore, summaries: ClaimSummaryRepository): OwnClaimsIndex {
  return {
    appliedUpTo: () => appliedUpTo(documents, CLAIM_SUMMARY_PROJECTION),
    cursorsOf: (customerId) => summaries.cursorsOfCustomer(customerId),
  };
}
