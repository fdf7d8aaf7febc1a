import { describe, expect, it } from 'vitest';
import type {
  AcceptClaim,
  AnswerClaimClarification,
  ApproveClaim,
  AssignClaim,
  CommentOnClaim,
  MarkClaimReadyForPayout,
  PayOutClaim,
  ProvideClaimDocuments,
  RefuseClaim,
  RequestClaimClarification,
  RequestClaimDocuments,
  StartClaimWork,
  WithdrawClaim,
} from './claimCommands.ts';
import type { ClaimActor } from './claimActor.ts';
import type { ClaimEvent, DecisionClock } from './claimEvents.ts';
import { deciderSpecification } from '@cabinet/kernel/testing';
import {
  ADJUSTER,
  CLAIM_ID,
  CUSTOMER,
  OTHER_ADJUSTER,
  OTHER_CUSTOMER,
  SUPERVISOR,
  claimDecider,
  command,
  history,
  occurredAt,
  submitClaim,
  submitted,
} from './testing/claimFixtures.ts';

const given = deciderSpecification(claimDecider);
const h = history();
const NOW = '2026-04-20';
const at = occurredAt(NOW);
/** The clock the history's acceptance on 14 April 2026 started. */
const ACCEPTED_CLOCK: DecisionClock = {
  state: 'RUNNING',
  counting: 'CALENDAR_DAYS_EXCLUDING_HOLIDAYS',
  countingFrom: '2026-04-14',
  days: 20,
  dueOn: '2026-05-05',
};

describe('SubmitClaim', () => {
  it('records the claim with its personal data in the personal part only', () => {
    given([]).when(submitClaim()).then([submitted()]);
  });

  it('does nothing when the same customer sends the same claim again', () => {
    given(h.submitted).when(submitClaim()).thenNothingHappens();
  });

  it('is refused from staff, who cannot file on a customer’s behalf', () => {
    given([])
      .when({ ...submitClaim(), actor: SUPERVISOR })
      .thenRefused('FORBIDDEN');
  });

  it.each([
    ['a malformed claim number', { claimNumber: 'У-26-1' }, 'claimNumber'],
    [
      'an incident after today',
      { incident: { occurredOn: '2026-04-14', kind: 'ROAD_ACCIDENT', place: 'Москва', description: 'ДТП' } },
      'incident.occurredOn',
    ],
    [
      'an incident date that does not exist',
      { incident: { occurredOn: '2026-02-30', kind: 'ROAD_ACCIDENT', place: 'Москва', description: 'ДТП' } },
      'incident.occurredOn',
    ],
    [
      'a blank description',
      { incident: { occurredOn: '2026-04-10', kind: 'ROAD_ACCIDENT', place: 'Москва', description: '  ' } },
      'incident.description',
    ],
    ['no way to contact the customer', { contact: { phone: ' ', email: null } }, 'contact'],
    [
      'a text longer than 4000 characters',
      {
        incident: {
          occurredOn: '2026-04-10',
          kind: 'ROAD_ACCIDENT',
          place: 'Москва',
          description: 'д'.repeat(4001),
        },
      },
      'incident.description',
    ],
  ])('is refused for %s', (_case, overrides, field) => {
    given([]).when(submitClaim(overrides)).thenRefused('BAD_USER_INPUT', { field });
  });
});

describe('AcceptClaim', () => {
  it('starts the ОСАГО clock: 20 days without public holidays, so 1 May pushes it to 5 May', () => {
    given(h.submitted)
      .when(command<AcceptClaim>('AcceptClaim', {}, ADJUSTER, '2026-04-14'))
      .then([
        {
          type: 'ClaimAccepted',
          data: {
            claimId: CLAIM_ID,
            occurredAt: occurredAt('2026-04-14'),
            acceptedOn: '2026-04-14',
            decisionClock: {
              state: 'RUNNING',
              counting: 'CALENDAR_DAYS_EXCLUDING_HOLIDAYS',
              countingFrom: '2026-04-14',
              days: 20,
              dueOn: '2026-05-05',
            },
          },
        },
      ]);
  });

  it('moves a due date that lands on a day off to the next working day', () => {
    // From Sun 19 April 2026: 20–30 April (11), 1 May skipped, 2–8 May (18), 9 May skipped, 10 and 11 May
    // (20). Mon 11 May is a day off (9 May fell on a Saturday), so the decision is due on Tue 12 May.
    given([submitted('OSAGO')])
      .when(command<AcceptClaim>('AcceptClaim', {}, ADJUSTER, '2026-04-19'))
      .then([
        {
          type: 'ClaimAccepted',
          data: {
            claimId: CLAIM_ID,
            occurredAt: occurredAt('2026-04-19'),
            acceptedOn: '2026-04-19',
            decisionClock: {
              state: 'RUNNING',
              counting: 'CALENDAR_DAYS_EXCLUDING_HOLIDAYS',
              countingFrom: '2026-04-19',
              days: 20,
              dueOn: '2026-05-12',
            },
          },
        },
      ]);
  });

  it('takes other products’ deadlines from the configured rules', () => {
    given([submitted('KASKO')])
      .when(command<AcceptClaim>('AcceptClaim', {}, ADJUSTER, '2026-04-14'))
      .then([
        {
          type: 'ClaimAccepted',
          data: {
            claimId: CLAIM_ID,
            occurredAt: occurredAt('2026-04-14'),
            acceptedOn: '2026-04-14',
            // 30 working days: 12 in April after the 14th, then 18 in May up to the 28th (1–3 and 9–11 May off).
            decisionClock: {
              state: 'RUNNING',
              counting: 'WORKING_DAYS',
              countingFrom: '2026-04-14',
              days: 30,
              dueOn: '2026-05-28',
            },
          },
        },
      ]);
  });
});

describe('AssignClaim', () => {
  const assign = (adjusterId: string, actor: ClaimActor) =>
    command<AssignClaim>(
      'AssignClaim',
      {
        adjusterId,
        registered: { staffId: adjusterId, fullName: 'Петров Пётр Петрович', roles: ['adjuster'] },
      },
      actor,
      NOW,
    );

  it('lets a supervisor assign any adjuster, and reassign', () => {
    given(h.accepted)
      .when(assign('adjuster-2', SUPERVISOR))
      .then([
        {
          type: 'ClaimAssigned',
          data: {
            claimId: CLAIM_ID,
            occurredAt: at,
            adjusterId: 'adjuster-2',
            adjusterName: 'Петров Пётр Петрович',
          },
        },
      ]);
    given(h.inProgress)
      .when(assign('adjuster-2', SUPERVISOR))
      .then([
        {
          type: 'ClaimAssigned',
          data: {
            claimId: CLAIM_ID,
            occurredAt: at,
            adjusterId: 'adjuster-2',
            adjusterName: 'Петров Пётр Петрович',
          },
        },
      ]);
  });

  it('lets an adjuster take an unassigned claim', () => {
    given(h.accepted)
      .when(assign('adjuster-1', ADJUSTER))
      .then([
        {
          type: 'ClaimAssigned',
          data: {
            claimId: CLAIM_ID,
            occurredAt: at,
            adjusterId: 'adjuster-1',
            adjusterName: 'Петров Пётр Петрович',
          },
        },
      ]);
  });

  it('does not let an adjuster hand a claim to someone else or take one already assigned', () => {
    given(h.accepted).when(assign('adjuster-2', ADJUSTER)).thenRefused('FORBIDDEN');
    given(h.assigned).when(assign('adjuster-2', OTHER_ADJUSTER)).thenRefused('FORBIDDEN');
  });

  it('does nothing when the adjuster is already assigned', () => {
    given(h.assigned).when(assign('adjuster-1', SUPERVISOR)).thenNothingHappens();
  });

  it('needs an adjuster', () => {
    given(h.accepted).when(assign(' ', SUPERVISOR)).thenRefused('BAD_USER_INPUT', { field: 'adjusterId' });
  });
});

describe('StartClaimWork', () => {
  const start = (actor: ClaimActor) => command<StartClaimWork>('StartClaimWork', {}, actor, NOW);
  const started: ClaimEvent[] = [
    { type: 'ClaimWorkStarted', data: { claimId: CLAIM_ID, occurredAt: at, adjusterId: 'adjuster-1' } },
  ];

  it('lets the assigned adjuster or a supervisor start', () => {
    given(h.assigned).when(start(ADJUSTER)).then(started);
    given(h.assigned).when(start(SUPERVISOR)).then(started);
  });

  it('is refused before anyone is assigned, and for another adjuster', () => {
    given(h.accepted).when(start(SUPERVISOR)).thenRefused('CLAIM_NOT_ASSIGNED');
    given(h.assigned).when(start(OTHER_ADJUSTER)).thenRefused('FORBIDDEN');
  });
});

describe('clarifications', () => {
  const ask = (question = 'Когда будет решение?') =>
    command<RequestClaimClarification>(
      'RequestClaimClarification',
      { clarificationId: 'clarification-2', question },
      CUSTOMER,
      '2026-04-30',
    );

  it('owes the customer an answer within the configured working days, May holidays excluded', () => {
    // Five working days after Thu 30 April 2026: 4, 5, 6, 7, 8 May (1–3 May are off).
    given(h.inProgress)
      .when(ask())
      .then([
        {
          type: 'ClaimQuestionAsked',
          data: {
            claimId: CLAIM_ID,
            occurredAt: occurredAt('2026-04-30'),
            clarificationId: 'clarification-2',
            answerDueOn: '2026-05-08',
            personal: { question: 'Когда будет решение?' },
          },
        },
      ]);
  });

  it('answers the open question', () => {
    given(h.awaitingResponse)
      .when(
        command<AnswerClaimClarification>(
          'AnswerClaimClarification',
          { answer: ' Не нужна. ' },
          ADJUSTER,
          NOW,
        ),
      )
      .then([
        {
          type: 'ClaimClarificationAnswered',
          data: {
            claimId: CLAIM_ID,
            occurredAt: at,
            clarificationId: 'clarification-1',
            personal: { answer: 'Не нужна.' },
          },
        },
      ]);
  });

  it('needs a question and an answer', () => {
    given(h.inProgress).when(ask('')).thenRefused('BAD_USER_INPUT', { field: 'question' });
    given(h.awaitingResponse)
      .when(command<AnswerClaimClarification>('AnswerClaimClarification', { answer: '' }, ADJUSTER, NOW))
      .thenRefused('BAD_USER_INPUT', { field: 'answer' });
  });
});

describe('documents and the decision clock', () => {
  const request = (on: string) =>
    command<RequestClaimDocuments>('RequestClaimDocuments', { message: 'Приложите фото' }, ADJUSTER, on);
  const provide = (on: string) =>
    command<ProvideClaimDocuments>(
      'ProvideClaimDocuments',
      {
        documents: [
          {
            documentId: 'document-2',
            fileName: 'фото.heic',
            contentType: 'image/heic',
            sizeBytes: 2048,
            sha256: 'c'.repeat(64),
          },
        ],
      },
      CUSTOMER,
      on,
    );
  const providedData = (on: string) => ({
    claimId: CLAIM_ID,
    occurredAt: occurredAt(on),
    documents: [
      { documentId: 'document-2', contentType: 'image/heic', sizeBytes: 2048, sha256: 'c'.repeat(64) },
    ],
    personal: { documentNames: [{ documentId: 'document-2', fileName: 'фото.heic' }] },
  });

  it('pauses the clock with the days left', () => {
    // Accepted 14 April; 15–20 April used 6 of the 20 days.
    given(h.inProgress)
      .when(request('2026-04-20'))
      .then([
        {
          type: 'ClaimDocumentsRequested',
          data: {
            claimId: CLAIM_ID,
            occurredAt: occurredAt('2026-04-20'),
            decisionClock: {
              state: 'PAUSED',
              counting: 'CALENDAR_DAYS_EXCLUDING_HOLIDAYS',
              pausedOn: '2026-04-20',
              remainingDays: 14,
            },
            personal: { message: 'Приложите фото' },
          },
        },
      ]);
  });

  it('leaves a missed deadline missed when documents are requested too late', () => {
    given(h.inProgress)
      .when(request('2026-05-06'))
      .then([
        {
          type: 'ClaimDocumentsRequested',
          data: {
            claimId: CLAIM_ID,
            occurredAt: occurredAt('2026-05-06'),
            decisionClock: ACCEPTED_CLOCK,
            personal: { message: 'Приложите фото' },
          },
        },
      ]);
  });

  it('resumes with the remaining days when the documents arrive', () => {
    // Paused on 16 April with 18 days left; documents on 30 April: 18 days from 1 May, skipping
    // 1 and 9 May, end on Wed 20 May.
    given(h.documentsRequested)
      .when(provide('2026-04-30'))
      .then([
        {
          type: 'ClaimDocumentsProvided',
          data: {
            ...providedData('2026-04-30'),
            fulfilsRequest: true,
            decisionClock: {
              state: 'RUNNING',
              counting: 'CALENDAR_DAYS_EXCLUDING_HOLIDAYS',
              countingFrom: '2026-04-30',
              days: 18,
              dueOn: '2026-05-20',
            },
          },
        },
      ]);
  });

  it('accepts extra documents without a request and leaves the clock alone', () => {
    given(h.inProgress)
      .when(provide(NOW))
      .then([
        {
          type: 'ClaimDocumentsProvided',
          data: { ...providedData(NOW), fulfilsRequest: false, decisionClock: ACCEPTED_CLOCK },
        },
      ]);
    given(h.submitted)
      .when(provide(NOW))
      .then([
        {
          type: 'ClaimDocumentsProvided',
          data: { ...providedData(NOW), fulfilsRequest: false, decisionClock: null },
        },
      ]);
  });

  it('needs at least one document', () => {
    given(h.documentsRequested)
      .when(command<ProvideClaimDocuments>('ProvideClaimDocuments', { documents: [] }, CUSTOMER, NOW))
      .thenRefused('BAD_USER_INPUT', { field: 'documents' });
  });
});

describe('CommentOnClaim', () => {
  const comment = (actor: ClaimActor, commentId = 'comment-1') =>
    command<CommentOnClaim>('CommentOnClaim', { commentId, text: 'Добрый день' }, actor, NOW);

  it.each([
    ['the customer', CUSTOMER, { kind: 'customer', id: 'customer-1' }],
    ['staff', ADJUSTER, { kind: 'staff', id: 'adjuster-1' }],
  ] as const)('records a comment by %s', (_who, actor, author) => {
    given(h.inProgress)
      .when(comment(actor))
      .then([
        {
          type: 'ClaimCommented',
          data: {
            claimId: CLAIM_ID,
            occurredAt: at,
            commentId: 'comment-1',
            author,
            personal: { text: 'Добрый день' },
          },
        },
      ]);
  });

  it('does nothing for a comment id it has already recorded (a retried request)', () => {
    const commented = claimDecider.decide(
      comment(CUSTOMER),
      h.inProgress.reduce(claimDecider.evolve, claimDecider.initialState),
    );
    given([...h.inProgress, ...commented])
      .when(comment(CUSTOMER))
      .thenNothingHappens();
    expect(commented).toHaveLength(1);
  });
});

describe('the decision', () => {
  const approve = (amountKopecks: number, actor: ClaimActor = ADJUSTER) =>
    command<ApproveClaim>('ApproveClaim', { amountKopecks }, actor, NOW);

  it('lets an adjuster approve up to the limit inclusive', () => {
    given(h.inProgress)
      .when(approve(100_000_00))
      .then([
        {
          type: 'ClaimApproved',
          data: {
            claimId: CLAIM_ID,
            occurredAt: at,
            amountKopecks: 100_000_00,
            approvedBy: { staffId: 'adjuster-1', role: 'adjuster' },
          },
        },
      ]);
  });

  it('sends a larger amount to a supervisor', () => {
    given(h.inProgress)
      .when(approve(100_000_01))
      .thenRefused('CLAIM_APPROVAL_LIMIT_EXCEEDED', { amountKopecks: 100_000_01, limitKopecks: 100_000_00 });
    given(h.inProgress)
      .when(approve(400_000_00, SUPERVISOR))
      .then([
        {
          type: 'ClaimApproved',
          data: {
            claimId: CLAIM_ID,
            occurredAt: at,
            amountKopecks: 400_000_00,
            approvedBy: { staffId: 'supervisor-1', role: 'supervisor' },
          },
        },
      ]);
  });

  it.each([0, -100, 12.5, Number.MAX_SAFE_INTEGER + 1])('refuses the amount %s', (amount) => {
    given(h.inProgress).when(approve(amount)).thenRefused('BAD_USER_INPUT', { field: 'amountKopecks' });
  });

  it('refuses with a reason code for analysts and an explanation for the customer', () => {
    given(h.inProgress)
      .when(
        command<RefuseClaim>(
          'RefuseClaim',
          { reason: 'POLICY_NOT_IN_FORCE', explanation: 'Полис истёк' },
          ADJUSTER,
          NOW,
        ),
      )
      .then([
        {
          type: 'ClaimRefused',
          data: {
            claimId: CLAIM_ID,
            occurredAt: at,
            reason: 'POLICY_NOT_IN_FORCE',
            refusedBy: { staffId: 'adjuster-1', role: 'adjuster' },
            personal: { explanation: 'Полис истёк' },
          },
        },
      ]);
    given(h.inProgress)
      .when(command<RefuseClaim>('RefuseClaim', { reason: 'OTHER', explanation: '' }, ADJUSTER, NOW))
      .thenRefused('BAD_USER_INPUT', { field: 'explanation' });
  });
});

describe('payout', () => {
  it('prepares the approved amount', () => {
    given(h.approved)
      .when(command<MarkClaimReadyForPayout>('MarkClaimReadyForPayout', {}, ADJUSTER, NOW))
      .then([
        {
          type: 'ClaimMarkedReadyForPayout',
          data: { claimId: CLAIM_ID, occurredAt: at, amountKopecks: 5_432_100 },
        },
      ]);
  });

  it('pays it out with the payment order’s reference', () => {
    given(h.readyForPayout)
      .when(command<PayOutClaim>('PayOutClaim', { paymentReference: 'ПП-77' }, SUPERVISOR, NOW))
      .then([
        {
          type: 'ClaimPaidOut',
          data: { claimId: CLAIM_ID, occurredAt: at, amountKopecks: 5_432_100, paymentReference: 'ПП-77' },
        },
      ]);
    given(h.readyForPayout)
      .when(command<PayOutClaim>('PayOutClaim', { paymentReference: ' ' }, SUPERVISOR, NOW))
      .thenRefused('BAD_USER_INPUT', { field: 'paymentReference' });
  });
});

describe('WithdrawClaim', () => {
  it.each([
    [null, null],
    ['  Договорились сами  ', 'Договорились сами'],
  ])('records the withdrawal with the reason %j', (reason, recorded) => {
    given(h.inProgress)
      .when(command<WithdrawClaim>('WithdrawClaim', { reason }, CUSTOMER, NOW))
      .then([
        {
          type: 'ClaimWithdrawn',
          data: { claimId: CLAIM_ID, occurredAt: at, personal: { reason: recorded } },
        },
      ]);
  });
});

describe('who may do what', () => {
  const customerCommands = [
    command<RequestClaimClarification>(
      'RequestClaimClarification',
      { clarificationId: 'c', question: '?' },
      OTHER_CUSTOMER,
    ),
    command<ProvideClaimDocuments>('ProvideClaimDocuments', { documents: [] }, OTHER_CUSTOMER),
    command<CommentOnClaim>('CommentOnClaim', { commentId: 'c', text: 'x' }, OTHER_CUSTOMER),
    command<WithdrawClaim>('WithdrawClaim', { reason: null }, OTHER_CUSTOMER),
  ];
  const staffCommands = [
    command<AcceptClaim>('AcceptClaim', {}, CUSTOMER),
    command<AssignClaim>('AssignClaim', { adjusterId: 'adjuster-1', registered: null }, CUSTOMER),
    command<StartClaimWork>('StartClaimWork', {}, CUSTOMER),
    command<AnswerClaimClarification>('AnswerClaimClarification', { answer: 'x' }, CUSTOMER),
    command<RequestClaimDocuments>('RequestClaimDocuments', { message: 'x' }, CUSTOMER),
    command<ApproveClaim>('ApproveClaim', { amountKopecks: 1 }, CUSTOMER),
    command<RefuseClaim>('RefuseClaim', { reason: 'OTHER', explanation: 'x' }, CUSTOMER),
    command<MarkClaimReadyForPayout>('MarkClaimReadyForPayout', {}, CUSTOMER),
    command<PayOutClaim>('PayOutClaim', { paymentReference: 'x' }, CUSTOMER),
  ];
  const ownerCommandsFromStaff = [
    command<RequestClaimClarification>(
      'RequestClaimClarification',
      { clarificationId: 'c', question: '?' },
      SUPERVISOR,
    ),
    command<ProvideClaimDocuments>('ProvideClaimDocuments', { documents: [] }, SUPERVISOR),
    command<WithdrawClaim>('WithdrawClaim', { reason: null }, SUPERVISOR),
  ];

  // Authorization is checked before the status, so nobody learns the status of a claim that is not theirs.
  it.each([...customerCommands, ...staffCommands, ...ownerCommandsFromStaff])(
    '$type by $actor.kind $actor.customerId$actor.staffId is refused with FORBIDDEN in every situation',
    (command) => {
      for (const events of [h.submitted, h.inProgress, h.paid])
        given(events).when(command).thenRefused('FORBIDDEN');
    },
  );
});
