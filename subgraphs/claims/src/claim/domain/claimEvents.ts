import type { DayCounting, CalendarDate } from '@cabinet/kernel';
import type { ClaimStaffRole } from './claimActor.ts';
import type { PersonalData } from './personalDataForm.ts';

/** The product codes of the policy service. */
export type InsuranceProduct = 'OSAGO' | 'KASKO' | 'DMS' | 'PROPERTY' | 'MORTGAGE' | 'TRAVEL' | 'ACCIDENT';

export interface ClaimPolicy {
  readonly policyId: string;
  readonly policyNumber: string;
  readonly product: InsuranceProduct;
  /** The partner that sold the policy, if any: it may follow the claim's status, without personal data. */
  readonly soldByPartnerId: string | null;
}

/** An uploaded file; its name is personal and travels in the event's `personal` part. */
export interface ClaimDocument {
  readonly documentId: string;
  readonly contentType: string;
  readonly sizeBytes: number;
  readonly sha256: string;
}

export interface ClaimDocumentName {
  readonly documentId: string;
  readonly fileName: string;
}

/**
 * The legal clock for the insurer's decision as it stands after an event. It is recorded in the
 * events, computed when the command was decided, so replay never depends on today's configuration.
 */
export type DecisionClock =
  | {
      readonly state: 'RUNNING';
      readonly counting: DayCounting;
      /** Counting starts the day after this date. */
      readonly countingFrom: CalendarDate;
      readonly days: number;
      /** The last day for the decision: the counted end, moved to a working day (ГК РФ ст. 193). */
      readonly dueOn: CalendarDate;
    }
  | {
      readonly state: 'PAUSED';
      readonly counting: DayCounting;
      readonly pausedOn: CalendarDate;
      readonly remainingDays: number;
    };

export type ClaimRefusalReason =
  'NOT_AN_INSURED_EVENT' | 'POLICY_NOT_IN_FORCE' | 'EXCLUDED_RISK' | 'DOCUMENTS_NOT_PROVIDED' | 'OTHER';

interface ClaimEventBase<Type extends string, Data> {
  readonly type: Type;
  /**
   * Not part of the payload: the id of the command that recorded the event, read back from its metadata
   * (`causationId`) so the claim remembers which commands it has handled. Absent on events the decider
   * has just decided, and on events recorded before commands had ids.
   */
  readonly commandId?: string;
  /** Likewise, the fingerprint of that command's request; absent on events recorded before fingerprints. */
  readonly commandFingerprint?: string;
  readonly data: Data & {
    readonly claimId: string;
    /** Business time of the fact (the command's `now`), ISO 8601. */
    readonly occurredAt: string;
  };
}

export type ClaimSubmitted = ClaimEventBase<
  'ClaimSubmitted',
  {
    readonly claimNumber: string;
    readonly customerId: string;
    readonly policy: ClaimPolicy;
    readonly incident: { readonly occurredOn: CalendarDate; readonly kind: string };
    readonly documents: readonly ClaimDocument[];
    readonly personal: PersonalData<{
      readonly incidentPlace: string;
      readonly description: string;
      readonly contactPhone: string | null;
      /** For the adjuster to write to; never sent notices, as nobody confirmed the customer owns it. */
      readonly contactEmail: string | null;
      /** The Gosuslugi-verified e-mail the notices go to; absent in claims submitted before it was kept. */
      readonly noticeEmail?: string | null;
      /** The name the notices greet the customer by («Иван Иванович»); absent in claims submitted before it was kept. */
      readonly noticeName?: string | null;
      /** The holder's full name as on the policy; absent in claims submitted before it was kept. */
      readonly customerName?: string;
      readonly documentNames: readonly ClaimDocumentName[];
    }>;
  }
>;

export type ClaimAccepted = ClaimEventBase<
  'ClaimAccepted',
  { readonly acceptedOn: CalendarDate; readonly decisionClock: DecisionClock & { state: 'RUNNING' } }
>;

/** `adjusterName`: as the staff register named them then; absent in claims assigned before it was kept. */
export type ClaimAssigned = ClaimEventBase<
  'ClaimAssigned',
  { readonly adjusterId: string; readonly adjusterName?: string }
>;

export type ClaimWorkStarted = ClaimEventBase<'ClaimWorkStarted', { readonly adjusterId: string }>;

/** The customer asked the insurer a question; the insurer owes an answer by `answerDueOn`. */
export type ClaimQuestionAsked = ClaimEventBase<
  'ClaimQuestionAsked',
  {
    readonly clarificationId: string;
    readonly answerDueOn: CalendarDate;
    readonly personal: PersonalData<{ readonly question: string }>;
  }
>;

export type ClaimClarificationAnswered = ClaimEventBase<
  'ClaimClarificationAnswered',
  { readonly clarificationId: string; readonly personal: PersonalData<{ readonly answer: string }> }
>;

export type ClaimDocumentsRequested = ClaimEventBase<
  'ClaimDocumentsRequested',
  {
    /** Paused, or still running when the request came after the due date had passed. */
    readonly decisionClock: DecisionClock;
    readonly personal: PersonalData<{ readonly message: string }>;
  }
>;

export type ClaimDocumentsProvided = ClaimEventBase<
  'ClaimDocumentsProvided',
  {
    readonly documents: readonly ClaimDocument[];
    /** Whether these documents answer an outstanding request (and so restart a paused clock). */
    readonly fulfilsRequest: boolean;
    readonly decisionClock: DecisionClock | null;
    readonly personal: PersonalData<{ readonly documentNames: readonly ClaimDocumentName[] }>;
  }
>;

export type ClaimCommented = ClaimEventBase<
  'ClaimCommented',
  {
    readonly commentId: string;
    readonly author: { readonly kind: 'customer' | 'staff'; readonly id: string };
    readonly personal: PersonalData<{ readonly text: string }>;
  }
>;

export type ClaimApproved = ClaimEventBase<
  'ClaimApproved',
  {
    readonly amountKopecks: number;
    readonly approvedBy: { readonly staffId: string; readonly role: ClaimStaffRole };
  }
>;

export type ClaimRefused = ClaimEventBase<
  'ClaimRefused',
  {
    readonly reason: ClaimRefusalReason;
    readonly refusedBy: { readonly staffId: string; readonly role: ClaimStaffRole };
    readonly personal: PersonalData<{ readonly explanation: string }>;
  }
>;

export type ClaimMarkedReadyForPayout = ClaimEventBase<
  'ClaimMarkedReadyForPayout',
  { readonly amountKopecks: number }
>;

export type ClaimPaidOut = ClaimEventBase<
  'ClaimPaidOut',
  { readonly amountKopecks: number; readonly paymentReference: string }
>;

export type ClaimWithdrawn = ClaimEventBase<
  'ClaimWithdrawn',
  { readonly personal: PersonalData<{ readonly reason: string | null }> }
>;

export type ClaimEvent =
  | ClaimSubmitted
  | ClaimAccepted
  | ClaimAssigned
  | ClaimWorkStarted
  | ClaimQuestionAsked
  | ClaimClarificationAnswered
  | ClaimDocumentsRequested
  | ClaimDocumentsProvided
  | ClaimCommented
  | ClaimApproved
  | ClaimRefused
  | ClaimMarkedReadyForPayout
  | ClaimPaidOut
  | ClaimWithdrawn;

export type ClaimEventType = ClaimEvent['type'];

// A record, not a list, so the compiler fails when an event type is added without being listed here.
const CLAIM_EVENT_TYPE_SET: Readonly<Record<ClaimEventType, true>> = {
  ClaimSubmitted: true,
  ClaimAccepted: true,
  ClaimAssigned: true,
  ClaimWorkStarted: true,
  ClaimQuestionAsked: true,
  ClaimClarificationAnswered: true,
  ClaimDocumentsRequested: true,
  ClaimDocumentsProvided: true,
  ClaimCommented: true,
  ClaimApproved: true,
  ClaimRefused: true,
  ClaimMarkedReadyForPayout: true,
  ClaimPaidOut: true,
  ClaimWithdrawn: true,
};

export function isClaimEventType(type: string): type is ClaimEventType {
  return Object.hasOwn(CLAIM_EVENT_TYPE_SET, type);
}
