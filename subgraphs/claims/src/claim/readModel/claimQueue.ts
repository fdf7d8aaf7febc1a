import type { CalendarDate } from '@cabinet/kernel';
import type { ClaimDeadline } from '../domain/claimDeadlines.ts';
import type { InsuranceProduct } from '../domain/claimEvents.ts';
import type { Claim } from '../domain/claimState.ts';
import type { ClaimStatus } from '../domain/claimStatus.ts';

/** Sorts claims without a running deadline after every dated one. */
export const NO_DEADLINE: CalendarDate = '9999-12-31';

/** A row of the staff queue. No personal data. */
export interface ClaimQueueRow {
  readonly claim: Claim;
  readonly claimNumber: string;
  readonly status: ClaimStatus;
  readonly product: InsuranceProduct;
  readonly adjusterId: string | null;
  /** The earliest running deadline's day, or NO_DEADLINE: the queue's sort key. */
  readonly dueOn: CalendarDate;
  readonly nextDeadline: ClaimDeadline | null;
  readonly submittedAt: string;
  readonly updatedAt: string;
  readonly cursor: string;
  readonly revision: number;
}
