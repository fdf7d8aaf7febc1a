import type { CalendarDate, CommandMetadata, StaffRole } from '@cabinet/kernel';
import type { ClaimActor } from './claimActor.ts';
import type { ClaimDocument, ClaimPolicy, ClaimRefusalReason } from './claimEvents.ts';

/** A document being attached, with its (personal) file name. */
export interface AttachedDocument extends ClaimDocument {
  readonly fileName: string;
}

interface ClaimCommandBase<Type extends string, Data> {
  readonly type: Type;
  readonly data: Data;
  readonly actor: ClaimActor;
  readonly metadata: CommandMetadata;
}

/**
 * `claimNumber` comes formatted (`У-2026-000123`) from the sequence outside the domain. The policy has
 * already been checked with the policy service: the customer holds it and it was in force on the day.
 */
export type SubmitClaim = ClaimCommandBase<
  'SubmitClaim',
  {
    readonly claimId: string;
    readonly claimNumber: string;
    readonly policy: ClaimPolicy;
    readonly incident: {
      readonly occurredOn: CalendarDate;
      readonly kind: string;
      readonly place: string;
      readonly description: string;
    };
    readonly contact: { readonly phone: string | null; readonly email: string | null };
    /** The customer's e-mail as Gosuslugi verified it, when they have one: claim notices go there only. */
    readonly noticeEmail: string | null;
    /** The name the notices greet the customer by, kept with the address: null without one. */
    readonly noticeName: string | null;
    /** The holder's full name as written on the policy, printed on the claim's documents. */
    readonly customerName: string;
    readonly documents: readonly AttachedDocument[];
  }
>;
export type AcceptClaim = ClaimCommandBase<'AcceptClaim', Record<string, never>>;
/** A staff member as identity's staff register lists them, looked up before the command is decided. */
export interface RegisteredStaffMember {
  readonly staffId: string;
  /** Recorded with the assignment: the claim's documents name the adjuster to the customer. */
  readonly fullName: string;
  readonly roles: readonly StaffRole[];
}

/** `registered` is what the staff register holds under `adjusterId`: null when no active staff member. */
export type AssignClaim = ClaimCommandBase<
  'AssignClaim',
  { readonly adjusterId: string; readonly registered: RegisteredStaffMember | null }
>;
export type StartClaimWork = ClaimCommandBase<'StartClaimWork', Record<string, never>>;
export type RequestClaimClarification = ClaimCommandBase<
  'RequestClaimClarification',
  { readonly clarificationId: string; readonly question: string }
>;
export type AnswerClaimClarification = ClaimCommandBase<
  'AnswerClaimClarification',
  { readonly answer: string }
>;
export type RequestClaimDocuments = ClaimCommandBase<'RequestClaimDocuments', { readonly message: string }>;
export type ProvideClaimDocuments = ClaimCommandBase<
  'ProvideClaimDocuments',
  { readonly documents: readonly AttachedDocument[] }
>;
export type CommentOnClaim = ClaimCommandBase<
  'CommentOnClaim',
  { readonly commentId: string; readonly text: string }
>;
export type ApproveClaim = ClaimCommandBase<'ApproveClaim', { readonly amountKopecks: number }>;
export type RefuseClaim = ClaimCommandBase<
  'RefuseClaim',
  { readonly reason: ClaimRefusalReason; readonly explanation: string }
>;
export type MarkClaimReadyForPayout = ClaimCommandBase<'MarkClaimReadyForPayout', Record<string, never>>;
export type PayOutClaim = ClaimCommandBase<'PayOutClaim', { readonly paymentReference: string }>;
export type WithdrawClaim = ClaimCommandBase<'WithdrawClaim', { readonly reason: string | null }>;

export type ClaimCommand =
  | SubmitClaim
  | AcceptClaim
  | AssignClaim
  | StartClaimWork
  | RequestClaimClarification
  | AnswerClaimClarification
  | RequestClaimDocuments
  | ProvideClaimDocuments
  | CommentOnClaim
  | ApproveClaim
  | RefuseClaim
  | MarkClaimReadyForPayout
  | PayOutClaim
  | WithdrawClaim;

export type ClaimCommandType = ClaimCommand['type'];

/** A command on an existing claim: every command but the submission that creates one. */
export type ClaimChangeCommand = Exclude<ClaimCommand, SubmitClaim>;

/** What each command does, in Russian, for refusal messages. */
export const CLAIM_COMMAND_LABELS: Readonly<Record<ClaimCommandType, string>> = {
  SubmitClaim: 'подать заявление',
  AcceptClaim: 'принять заявление к рассмотрению',
  AssignClaim: 'назначить урегулировщика',
  StartClaimWork: 'взять заявление в работу',
  RequestClaimClarification: 'задать вопрос',
  AnswerClaimClarification: 'ответить на вопрос',
  RequestClaimDocuments: 'запросить документы',
  ProvideClaimDocuments: 'приложить документы',
  CommentOnClaim: 'оставить комментарий',
  ApproveClaim: 'принять решение о выплате',
  RefuseClaim: 'отказать в выплате',
  MarkClaimReadyForPayout: 'подготовить выплату',
  PayOutClaim: 'провести выплату',
  WithdrawClaim: 'отозвать заявление',
};
