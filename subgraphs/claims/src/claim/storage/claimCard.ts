import type { CalendarDate } from '@cabinet/kernel';
import type { ClaimEventType, ClaimDocument } from '../domain/claimEvents.ts';
import type { PersonalData } from '../domain/personalDataForm.ts';
import type { Claim } from '../domain/claimState.ts';
import type { ClaimStatus } from '../domain/claimStatus.ts';

/**
 * One event of the claim as people read it. `personal` is the event's personal part exactly as the
 * log holds it (sealed with the customer's key) or erased: the card never stores plaintext.
 */
export interface ClaimTimelineEntry {
  readonly eventId: string;
  readonly type: ClaimEventType;
  /** Business time of the fact. */
  readonly at: string;
  readonly recordedAt: string;
  /** `customer:<id>` or `staff:<id>`, from the event's metadata. */
  readonly actor: string;
  /** What happened, in Russian, without personal data. */
  readonly what: string;
  readonly statusBefore: ClaimStatus | null;
  readonly statusAfter: ClaimStatus;
  readonly personal: PersonalData<object> | null;
}

export interface ClaimCardComment {
  readonly commentId: string;
  readonly at: string;
  readonly author: { readonly kind: 'customer' | 'staff'; readonly id: string };
  /** Index of the timeline entry whose personal part holds the text. */
  readonly entry: number;
}

export interface ClaimCardDocument extends ClaimDocument {
  readonly providedAt: string;
  /** Index of the timeline entry whose personal part holds the file name. */
  readonly entry: number;
}

/** The payout as the insurer made it. */
export interface ClaimCardPayout {
  readonly amountKopecks: number;
  /** The payment order's reference, for the customer to find the money by. */
  readonly paymentReference: string;
  readonly paidAt: string;
}

/** The claim card read model: the folded claim with its timeline, comments and documents. */
export interface ClaimCard {
  readonly claimId: string;
  readonly customerId: string;
  readonly claim: Claim;
  readonly submittedAt: string;
  /**
   * The day of the incident and its kind, as the customer reported them. Null only on a card the
   * projection stored before cards kept it; a card folded from the stream always has it.
   */
  readonly incident: { readonly occurredOn: CalendarDate; readonly kind: string } | null;
  /** Null until the claim is paid out. */
  readonly payout: ClaimCardPayout | null;
  readonly updatedAt: string;
  readonly cursor: string;
  /** Stream revision of the last applied event: replays of older events are ignored. */
  readonly revision: number;
  readonly timeline: readonly ClaimTimelineEntry[];
  readonly comments: readonly ClaimCardComment[];
  readonly documents: readonly ClaimCardDocument[];
}
