import { withHandledCommand, type CalendarDate, type HandledCommands } from '@cabinet/kernel';
import type { ClaimCommandType } from './claimCommands.ts';
import type { ClaimEvent, ClaimPolicy, DecisionClock } from './claimEvents.ts';
import type { ClaimResolution, ClaimStatus } from './claimStatus.ts';

/** Where the claim stands in its main line; open questions and document requests sit beside it. */
export type ClaimPhase = 'SUBMITTED' | 'ACCEPTED' | 'IN_PROGRESS' | 'READY_FOR_PAYOUT' | 'COMPLETED';

export interface OpenClarification {
  readonly clarificationId: string;
  readonly answerDueOn: CalendarDate;
}

/** A claim's state holds no personal data, so it folds the same after crypto-shredding. */
export interface Claim {
  readonly kind: 'claim';
  readonly claimId: string;
  readonly claimNumber: string;
  readonly customerId: string;
  readonly policy: ClaimPolicy;
  readonly phase: ClaimPhase;
  readonly resolution: ClaimResolution | null;
  readonly adjusterId: string | null;
  /** As the staff register named the adjuster when assigned; null before, or for assignments before it was kept. */
  readonly adjusterName: string | null;
  readonly openClarification: OpenClarification | null;
  readonly documentsRequested: boolean;
  /** Null before acceptance and once the decision (or a withdrawal) has stopped it. */
  readonly decisionClock: DecisionClock | null;
  readonly approvedAmountKopecks: number | null;
  readonly commentIds: readonly string[];
  /** The commands the claim has handled, by command id, with what each was: a repeat changes nothing. */
  readonly handledCommands: HandledCommands<ClaimCommandType>;
}

export type ClaimState = { readonly kind: 'none' } | Claim;

export const initialState: ClaimState = Object.freeze({ kind: 'none' });

/**
 * The status the API shows. An open question outranks a document request: while the customer waits
 * for an answer the insurer is the one who owes something.
 */
export function claimStatusOf(claim: Claim): ClaimStatus {
  if (claim.phase === 'COMPLETED') return 'COMPLETED';
  if (claim.openClarification !== null) return 'AWAITING_RESPONSE';
  if (claim.documentsRequested) return 'DOCUMENTS_REQUESTED';
  return claim.phase;
}

export function evolve(state: ClaimState, event: ClaimEvent): ClaimState {
  const next = evolveFact(state, event);
  if (next.kind === 'none' || event.commandId === undefined) return next;
  const handledCommands = withHandledCommand(next.handledCommands, event.commandId, {
    type: COMMAND_OF_EVENT[event.type],
    fingerprint: event.commandFingerprint ?? null,
  });
  return handledCommands === next.handledCommands ? next : { ...next, handledCommands };
}

/** The command that records each event, so a key reused for another command is told apart from a retry. */
const COMMAND_OF_EVENT: Readonly<Record<ClaimEvent['type'], ClaimCommandType>> = {
  ClaimSubmitted: 'SubmitClaim',
  ClaimAccepted: 'AcceptClaim',
  ClaimAssigned: 'AssignClaim',
  ClaimWorkStarted: 'StartClaimWork',
  ClaimQuestionAsked: 'RequestClaimClarification',
  ClaimClarificationAnswered: 'AnswerClaimClarification',
  ClaimDocumentsRequested: 'RequestClaimDocuments',
  ClaimDocumentsProvided: 'ProvideClaimDocuments',
  ClaimCommented: 'CommentOnClaim',
  ClaimApproved: 'ApproveClaim',
  ClaimRefused: 'RefuseClaim',
  ClaimMarkedReadyForPayout: 'MarkClaimReadyForPayout',
  ClaimPaidOut: 'PayOutClaim',
  ClaimWithdrawn: 'WithdrawClaim',
};

function evolveFact(state: ClaimState, event: ClaimEvent): ClaimState {
  if (event.type === 'ClaimSubmitted') {
    const { claimId, claimNumber, customerId, policy } = event.data;
    return {
      kind: 'claim',
      claimId,
      claimNumber,
      customerId,
      policy,
      phase: 'SUBMITTED',
      resolution: null,
      adjusterId: null,
      adjusterName: null,
      openClarification: null,
      documentsRequested: false,
      decisionClock: null,
      approvedAmountKopecks: null,
      commentIds: [],
      handledCommands: {},
    };
  }
  // Only a submission starts a claim; anything else on an empty stream is not a claim's history.
  if (state.kind === 'none') return state;
  switch (event.type) {
    case 'ClaimAccepted':
      return { ...state, phase: 'ACCEPTED', decisionClock: event.data.decisionClock };
    case 'ClaimAssigned':
      return { ...state, adjusterId: event.data.adjusterId, adjusterName: event.data.adjusterName ?? null };
    case 'ClaimWorkStarted':
      return { ...state, phase: 'IN_PROGRESS', adjusterId: event.data.adjusterId };
    case 'ClaimQuestionAsked':
      return {
        ...state,
        openClarification: {
          clarificationId: event.data.clarificationId,
          answerDueOn: event.data.answerDueOn,
        },
      };
    case 'ClaimClarificationAnswered':
      return { ...state, openClarification: null };
    case 'ClaimDocumentsRequested':
      return { ...state, documentsRequested: true, decisionClock: event.data.decisionClock };
    case 'ClaimDocumentsProvided':
      return event.data.fulfilsRequest
        ? { ...state, documentsRequested: false, decisionClock: event.data.decisionClock }
        : state;
    case 'ClaimCommented':
      return { ...state, commentIds: [...state.commentIds, event.data.commentId] };
    case 'ClaimApproved':
      return { ...state, approvedAmountKopecks: event.data.amountKopecks, decisionClock: null };
    case 'ClaimRefused':
      return { ...state, ...completed('REFUSED') };
    case 'ClaimMarkedReadyForPayout':
      return { ...state, phase: 'READY_FOR_PAYOUT' };
    case 'ClaimPaidOut':
      return { ...state, ...completed('PAID') };
    case 'ClaimWithdrawn':
      return { ...state, ...completed('WITHDRAWN') };
    default: {
      const _exhaustive: never = event;
      return _exhaustive;
    }
  }
}

function completed(resolution: ClaimResolution) {
  return {
    phase: 'COMPLETED',
    resolution,
    openClarification: null,
    documentsRequested: false,
    decisionClock: null,
  } as const;
}
