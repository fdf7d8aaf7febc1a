import type { CalendarDate } from '@cabinet/kernel';
import type { InsuranceProduct } from '../domain/claimEvents.ts';
import type { Claim } from '../domain/claimState.ts';
import type { ClaimStatus } from '../domain/claimStatus.ts';

/** The claim list's and queue's row: the folded state plus what lists filter and sort on. No personal data. */
export interface ClaimSummary {
  readonly claim: Claim;
  readonly claimNumber: string;
  readonly customerId: string;
  readonly policyId: string;
  readonly product: InsuranceProduct;
  readonly soldByPartnerId: string | null;
  readonly status: ClaimStatus;
  readonly adjusterId: string | null;
  readonly submittedAt: string;
  readonly updatedAt: string;
  /** The insurer's earliest running deadline; null when none runs. */
  readonly nextDeadlineOn: CalendarDate | null;
  /** Log position of the last applied event: subscribe after it to get the claim's next change. */
  readonly cursor: string;
  /** Stream revision of the last applied event: replays of older events are ignored. */
  readonly revision: number;
}
