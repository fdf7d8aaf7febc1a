import type { ClaimActor } from '../claimActor.ts';
import type { ClaimCommand, ClaimCommandType } from '../claimCommands.ts';
import type { ClaimEvent } from '../claimEvents.ts';
import type { ClaimStatus } from '../claimStatus.ts';
import { CUSTOMER, command, history, submitClaim, SUPERVISOR } from './claimFixtures.ts';

const h = history();

export type Situation = keyof typeof SITUATIONS;
/** Every situation the rules tell apart, with the status the API shows in it. */
export const SITUATIONS = {
  submitted: { events: h.submitted, status: 'SUBMITTED' },
  acceptedUnassigned: { events: h.accepted, status: 'ACCEPTED' },
  assigned: { events: h.assigned, status: 'ACCEPTED' },
  inProgress: { events: h.inProgress, status: 'IN_PROGRESS' },
  awaitingResponse: { events: h.awaitingResponse, status: 'AWAITING_RESPONSE' },
  documentsRequested: { events: h.documentsRequested, status: 'DOCUMENTS_REQUESTED' },
  approved: { events: h.approved, status: 'IN_PROGRESS' },
  approvedAwaitingResponse: { events: h.approvedAwaitingResponse, status: 'AWAITING_RESPONSE' },
  readyForPayout: { events: h.readyForPayout, status: 'READY_FOR_PAYOUT' },
  paid: { events: h.paid, status: 'COMPLETED' },
  refused: { events: h.refused, status: 'COMPLETED' },
  withdrawn: { events: h.withdrawn, status: 'COMPLETED' },
} satisfies Record<string, { events: ClaimEvent[]; status: ClaimStatus }>;

const OPEN: Situation[] = [
  'submitted',
  'acceptedUnassigned',
  'assigned',
  'inProgress',
  'awaitingResponse',
  'documentsRequested',
  'approved',
  'approvedAwaitingResponse',
  'readyForPayout',
];
const UNDECIDED_BEFORE_DECISION: Situation[] = [
  'submitted',
  'acceptedUnassigned',
  'assigned',
  'inProgress',
  'awaitingResponse',
  'documentsRequested',
];

/** Each command issued by someone entitled to it, and the situations in which it is allowed. */
export const MATRIX: Record<ClaimCommandType, { command: ClaimCommand; allowedIn: Situation[] }> = {
  SubmitClaim: { command: submitClaim({ claimNumber: 'У-2026-000124' }), allowedIn: [] },
  AcceptClaim: { command: staff('AcceptClaim', {}), allowedIn: ['submitted'] },
  AssignClaim: {
    command: staff('AssignClaim', {
      adjusterId: 'adjuster-2',
      registered: { staffId: 'adjuster-2', fullName: 'Петров Пётр Петрович', roles: ['adjuster'] },
    }),
    allowedIn: [
      'acceptedUnassigned',
      'assigned',
      'inProgress',
      'awaitingResponse',
      'documentsRequested',
      'approved',
      'approvedAwaitingResponse',
      'readyForPayout',
    ],
  },
  StartClaimWork: { command: staff('StartClaimWork', {}), allowedIn: ['acceptedUnassigned', 'assigned'] },
  RequestClaimClarification: {
    command: customer('RequestClaimClarification', {
      clarificationId: 'clarification-2',
      question: 'Когда выплата?',
    }),
    allowedIn: OPEN.filter(
      (situation) => situation !== 'awaitingResponse' && situation !== 'approvedAwaitingResponse',
    ),
  },
  AnswerClaimClarification: {
    command: staff('AnswerClaimClarification', { answer: 'Справка не нужна.' }),
    allowedIn: ['awaitingResponse', 'approvedAwaitingResponse'],
  },
  RequestClaimDocuments: {
    command: staff('RequestClaimDocuments', { message: 'Нужна справка' }),
    allowedIn: ['acceptedUnassigned', 'assigned', 'inProgress', 'awaitingResponse'],
  },
  ProvideClaimDocuments: {
    command: customer('ProvideClaimDocuments', {
      documents: [
        {
          documentId: 'document-2',
          fileName: 'фото.jpg',
          contentType: 'image/jpeg',
          sizeBytes: 10,
          sha256: 'b'.repeat(64),
        },
      ],
    }),
    allowedIn: UNDECIDED_BEFORE_DECISION,
  },
  CommentOnClaim: {
    command: customer('CommentOnClaim', { commentId: 'comment-9', text: 'Спасибо' }),
    allowedIn: OPEN,
  },
  ApproveClaim: { command: staff('ApproveClaim', { amountKopecks: 1_000_00 }), allowedIn: ['inProgress'] },
  RefuseClaim: {
    command: staff('RefuseClaim', { reason: 'OTHER', explanation: 'Не страховой случай' }),
    allowedIn: ['inProgress'],
  },
  MarkClaimReadyForPayout: { command: staff('MarkClaimReadyForPayout', {}), allowedIn: ['approved'] },
  PayOutClaim: { command: staff('PayOutClaim', { paymentReference: 'ПП-2' }), allowedIn: ['readyForPayout'] },
  WithdrawClaim: {
    command: customer('WithdrawClaim', { reason: null }),
    allowedIn: UNDECIDED_BEFORE_DECISION,
  },
};

function staff<C extends ClaimCommand>(type: C['type'], data: C['data'], actor: ClaimActor = SUPERVISOR): C {
  return command<C>(type, data, actor);
}

function customer<C extends ClaimCommand>(type: C['type'], data: C['data']): C {
  return command<C>(type, data, CUSTOMER);
}
