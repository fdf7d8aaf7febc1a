import { storeGauge, type MetricGroup } from '@cabinet/platform/metrics';
import type { ClaimSummaryRepository } from '../storage/claimSummaryRepository.ts';
import type { ClaimNumberSequence } from './claimNumberSequence.ts';

/**
 * The gaps claim numbering can have, read from the stores at scrape time: numbers reserved for a claim
 * id whose claim is not in the claims list. A number is reserved just before its claim is appended, so
 * this is a submission whose append failed and that its client never retried (a gap that stays), or for
 * a moment a claim being written or not yet projected into the list (it goes away by itself).
 */
export function createClaimNumberMetrics(
  numbers: ClaimNumberSequence,
  summaries: ClaimSummaryRepository,
): MetricGroup {
  return {
    series: [
      storeGauge({
        name: 'claims_claim_number_gaps',
        help: 'Claim numbers reserved whose claim is not in the claims list: a failed submission never retried, or one being written',
        read: async () => {
          const [reserved, listed] = await Promise.all([numbers.reservedCount(), summaries.count()]);
          return Math.max(0, reserved - listed);
        },
      }),
    ],
  };
}
