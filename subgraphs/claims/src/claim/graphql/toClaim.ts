import { formatDecimal, kopecks } from '@cabinet/kernel';
import { isOverdue, nextClaimDeadline } from '../domain/claimDeadlines.ts';
import { claimStatusOf, type Claim as ClaimState } from '../domain/claimState.ts';
import { CLAIM_RESOLUTION_LABELS, CLAIM_STATUS_LABELS } from '../domain/claimStatus.ts';
import { Claim } from './claim.type.ts';
import { Policy } from './entities.ts';

export function toClaim(
  state: ClaimState,
  times: { submittedAt: string; updatedAt: string; cursor: string },
  now: Date,
): Claim {
  const status = claimStatusOf(state);
  return Object.assign(new Claim(), {
    id: state.claimId,
    number: state.claimNumber,
    status,
    statusLabel: CLAIM_STATUS_LABELS[status],
    resolution: state.resolution,
    resolutionLabel: state.resolution && CLAIM_RESOLUTION_LABELS[state.resolution],
    policy: Object.assign(new Policy(), { id: state.policy.policyId }),
    adjusterId: state.adjusterId,
    nextDeadline: nextClaimDeadline(state),
    overdue: isOverdue(state, now),
    approvedAmount:
      state.approvedAmountKopecks === null ? null : formatDecimal(kopecks(state.approvedAmountKopecks)),
    submittedAt: new Date(times.submittedAt),
    updatedAt: new Date(times.updatedAt),
    cursor: times.cursor,
  });
}
