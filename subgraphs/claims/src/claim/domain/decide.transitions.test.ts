import { isDomainError } from '@cabinet/kernel';
import { describe, expect, it } from 'vitest';
import type { ClaimActor } from './claimActor.ts';
import type { ClaimCommand, ClaimCommandType } from './claimCommands.ts';
import type { ClaimEvent } from './claimEvents.ts';
import { CLAIM_STATUS_LABELS, type ClaimStatus } from './claimStatus.ts';
import { deciderSpecification } from '@cabinet/kernel/testing';
import {
  CUSTOMER,
  claimDecider,
  command,
  history,
  submitClaim,
  SUPERVISOR,
} from './testing/claimFixtures.ts';

const given = deciderSpecification(claimDecider);
const h = history();

type Situation = keyof typeof SITUATIONS;
const SITUATIONS = {
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
const MATRIX: Record<ClaimCommandType, { command: ClaimCommand; allowedIn: Situation[] }> = {
  SubmitClaim: { command: submitClaim({ claimNumber: 'У-2026-000124' }), allowedIn: [] },
  AcceptClaim: { command: staff('AcceptClaim', {}), allowedIn: ['submitted'] },
  AssignClaim: {
    command: staff('AssignClaim', {
      adjusterId: 'adjuster-2',
      registered: { staffId: 'adjuster-2', roles: ['adjuster'] },
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

const CASES = Object.entries(MATRIX).flatMap(([type, { command, allowedIn }]) =>
  Object.entries(SITUATIONS).map(([situation, { events, status }]) => ({
    type,
    situation,
    command,
    events,
    status,
    allowed: allowedIn.includes(situation as Situation),
  })),
);

describe('every command in every situation', () => {
  it.each(CASES.filter((c) => !c.allowed))(
    '$type is refused when the claim is $situation ($status)',
    ({ command, events, status, type }) => {
      const refusal = given(events).when(command).thenRefused('CLAIM_TRANSITION_NOT_ALLOWED', {
        status,
        statusLabel: CLAIM_STATUS_LABELS[status],
        command: type,
      });
      expect(refusal.message).toContain(`«${CLAIM_STATUS_LABELS[status]}»`);
    },
  );

  it.each(CASES.filter((c) => c.allowed))(
    '$type is allowed when the claim is $situation',
    ({ command, events }) => {
      let refusalCode: string | null = null;
      try {
        claimDecider.decide(command, events.reduce(claimDecider.evolve, claimDecider.initialState));
      } catch (error) {
        refusalCode = isDomainError(error) ? error.code : String(error);
      }
      // Starting work on an unassigned claim is refused for a different reason, tested on its own.
      expect(refusalCode === null || refusalCode === 'CLAIM_NOT_ASSIGNED').toBe(true);
    },
  );

  it('tells the customer when the decision has already been taken', () => {
    const refusal = given(h.approved)
      .when(MATRIX.WithdrawClaim.command)
      .thenRefused('CLAIM_TRANSITION_NOT_ALLOWED', {
        decided: true,
      });
    expect(refusal.message).toBe(
      'Нельзя отозвать заявление: заявление в статусе «В работе». Решение о выплате уже принято.',
    );
  });
});

describe('a claim that does not exist', () => {
  it.each(Object.values(MATRIX).filter(({ command }) => command.type !== 'SubmitClaim'))(
    '$command.type is refused with CLAIM_NOT_FOUND',
    ({ command }) => {
      given([]).when(command).thenRefused('CLAIM_NOT_FOUND');
    },
  );
});

function staff<C extends ClaimCommand>(type: C['type'], data: C['data'], actor: ClaimActor = SUPERVISOR): C {
  return command<C>(type, data, actor);
}

function customer<C extends ClaimCommand>(type: C['type'], data: C['data']): C {
  return command<C>(type, data, CUSTOMER);
}
