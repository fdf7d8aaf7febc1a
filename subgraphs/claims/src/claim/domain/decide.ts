import { addWorkingDays, isCalendarDate, moscowDate } from '@cabinet/kernel';
import type { ClaimActor, StaffClaimActor } from './claimActor.ts';
import type {
  AttachedDocument,
  ClaimCommand,
  ClaimCommandType,
  RequestClaimClarification,
  SubmitClaim,
} from './claimCommands.ts';
import { ClaimErrors } from './claimErrors.ts';
import type { ClaimDocument, ClaimDocumentName, ClaimEvent, DecisionClock } from './claimEvents.ts';
import { parseClaimNumber } from './claimNumber.ts';
import { decisionDeadlineRule, type ClaimRules } from './claimRules.ts';
import { claimStatusOf, type Claim, type ClaimState } from './claimState.ts';
import { pauseDecisionClock, resumeDecisionClock, startDecisionClock } from './decisionClock.ts';

const MAX_TEXT_LENGTH = 4000;

type Who = 'owner' | 'staff' | 'ownerOrStaff';

/** Who may issue each command on an existing claim; submission is the customer's own. */
const WHO_MAY: Readonly<Record<Exclude<ClaimCommandType, 'SubmitClaim'>, Who>> = {
  AcceptClaim: 'staff',
  AssignClaim: 'staff',
  StartClaimWork: 'staff',
  RequestClaimClarification: 'owner',
  AnswerClaimClarification: 'staff',
  RequestClaimDocuments: 'staff',
  ProvideClaimDocuments: 'owner',
  CommentOnClaim: 'ownerOrStaff',
  ApproveClaim: 'staff',
  RefuseClaim: 'staff',
  MarkClaimReadyForPayout: 'staff',
  PayOutClaim: 'staff',
  WithdrawClaim: 'owner',
};

const isOpen = (claim: Claim): boolean => claim.phase !== 'COMPLETED';
const isUndecided = (claim: Claim): boolean => claim.approvedAmountKopecks === null;

/**
 * When each command is allowed. A question the customer asked must be answered before the insurer
 * decides, prepares or makes the payout; documents can be added until the claim is decided.
 */
const ALLOWED: Readonly<Record<Exclude<ClaimCommandType, 'SubmitClaim'>, (claim: Claim) => boolean>> = {
  AcceptClaim: (claim) => claim.phase === 'SUBMITTED',
  AssignClaim: (claim) => ['ACCEPTED', 'IN_PROGRESS', 'READY_FOR_PAYOUT'].includes(claim.phase),
  StartClaimWork: (claim) => claim.phase === 'ACCEPTED',
  RequestClaimClarification: (claim) => isOpen(claim) && claim.openClarification === null,
  AnswerClaimClarification: (claim) => claim.openClarification !== null,
  RequestClaimDocuments: (claim) =>
    (claim.phase === 'ACCEPTED' || claim.phase === 'IN_PROGRESS') &&
    isUndecided(claim) &&
    !claim.documentsRequested,
  ProvideClaimDocuments: (claim) =>
    ['SUBMITTED', 'ACCEPTED', 'IN_PROGRESS'].includes(claim.phase) && isUndecided(claim),
  CommentOnClaim: isOpen,
  ApproveClaim: (claim) => claimStatusOf(claim) === 'IN_PROGRESS' && isUndecided(claim),
  RefuseClaim: (claim) => claimStatusOf(claim) === 'IN_PROGRESS' && isUndecided(claim),
  MarkClaimReadyForPayout: (claim) => claimStatusOf(claim) === 'IN_PROGRESS' && !isUndecided(claim),
  PayOutClaim: (claim) => claimStatusOf(claim) === 'READY_FOR_PAYOUT',
  WithdrawClaim: (claim) =>
    ['SUBMITTED', 'ACCEPTED', 'IN_PROGRESS'].includes(claim.phase) && isUndecided(claim),
};

/**
 * Decides what happens when a command meets a claim's state: the events to append, none when the
 * command repeats what already happened, or a DomainError when it is refused.
 */
export function decide(command: ClaimCommand, state: ClaimState, rules: ClaimRules): ClaimEvent[] {
  if (command.type === 'SubmitClaim') {
    if (state.kind === 'none') return [submit(command)];
    if (isRetriedSubmission(command, state)) return [];
    throw ClaimErrors.transitionNotAllowed(state, command.type);
  }
  if (state.kind === 'none') throw ClaimErrors.notFound();
  authorize(command.actor, WHO_MAY[command.type], state);
  if (!ALLOWED[command.type](state)) throw ClaimErrors.transitionNotAllowed(state, command.type);

  const claimId = state.claimId;
  const occurredAt = command.metadata.now.toISOString();
  const today = moscowDate(command.metadata.now);
  switch (command.type) {
    case 'AcceptClaim': {
      const rule = decisionDeadlineRule(state.policy.product, rules);
      const decisionClock = startDecisionClock(today, rule.days, rule.counting);
      return [{ type: 'ClaimAccepted', data: { claimId, occurredAt, acceptedOn: today, decisionClock } }];
    }
    case 'AssignClaim': {
      const actor = staffActor(command.actor);
      const adjusterId = requiredText('adjusterId', command.data.adjusterId, 'Укажите урегулировщика.');
      // An adjuster may take an unassigned claim; handing claims to others is a supervisor's job.
      if (actor.role === 'adjuster' && (adjusterId !== actor.staffId || state.adjusterId !== null)) {
        throw ClaimErrors.forbidden();
      }
      if (state.adjusterId === adjusterId) return [];
      return [{ type: 'ClaimAssigned', data: { claimId, occurredAt, adjusterId } }];
    }
    case 'StartClaimWork': {
      const actor = staffActor(command.actor);
      if (state.adjusterId === null) throw ClaimErrors.notAssigned();
      if (actor.role === 'adjuster' && actor.staffId !== state.adjusterId) throw ClaimErrors.forbidden();
      return [{ type: 'ClaimWorkStarted', data: { claimId, occurredAt, adjusterId: state.adjusterId } }];
    }
    case 'RequestClaimClarification':
      return requestClarification(command, claimId, rules);
    case 'AnswerClaimClarification': {
      const answer = requiredText('answer', command.data.answer, 'Напишите ответ.');
      const clarificationId = state.openClarification?.clarificationId ?? '';
      return [
        {
          type: 'ClaimClarificationAnswered',
          data: { claimId, occurredAt, clarificationId, personal: { answer } },
        },
      ];
    }
    case 'RequestClaimDocuments': {
      const message = requiredText('message', command.data.message, 'Опишите, какие документы нужны.');
      const decisionClock = pauseDecisionClock(acceptedClaimClock(state), today);
      return [
        {
          type: 'ClaimDocumentsRequested',
          data: { claimId, occurredAt, decisionClock, personal: { message } },
        },
      ];
    }
    case 'ProvideClaimDocuments': {
      const { documents, documentNames } = splitDocuments(command.data.documents);
      if (documents.length === 0) throw ClaimErrors.badInput('documents', 'Приложите хотя бы один документ.');
      const fulfilsRequest = state.documentsRequested;
      const decisionClock =
        fulfilsRequest && state.decisionClock
          ? resumeDecisionClock(state.decisionClock, today)
          : state.decisionClock;
      return [
        {
          type: 'ClaimDocumentsProvided',
          data: {
            claimId,
            occurredAt,
            documents,
            fulfilsRequest,
            decisionClock,
            personal: { documentNames },
          },
        },
      ];
    }
    case 'CommentOnClaim': {
      const text = requiredText('text', command.data.text, 'Комментарий пуст.');
      if (state.commentIds.includes(command.data.commentId)) return [];
      const author =
        command.actor.kind === 'customer'
          ? { kind: 'customer' as const, id: command.actor.customerId }
          : { kind: 'staff' as const, id: command.actor.staffId };
      return [
        {
          type: 'ClaimCommented',
          data: { claimId, occurredAt, commentId: command.data.commentId, author, personal: { text } },
        },
      ];
    }
    case 'ApproveClaim': {
      const { staffId, role } = staffActor(command.actor);
      const { amountKopecks } = command.data;
      if (!Number.isSafeInteger(amountKopecks) || amountKopecks <= 0) {
        throw ClaimErrors.badInput(
          'amountKopecks',
          'Сумма выплаты должна быть положительной, в целых копейках.',
        );
      }
      if (role === 'adjuster' && amountKopecks > rules.adjusterApprovalLimitKopecks) {
        throw ClaimErrors.approvalLimitExceeded(amountKopecks, rules.adjusterApprovalLimitKopecks);
      }
      return [
        {
          type: 'ClaimApproved',
          data: { claimId, occurredAt, amountKopecks, approvedBy: { staffId, role } },
        },
      ];
    }
    case 'RefuseClaim': {
      const { staffId, role } = staffActor(command.actor);
      const explanation = requiredText(
        'explanation',
        command.data.explanation,
        'Отказ должен быть мотивированным.',
      );
      return [
        {
          type: 'ClaimRefused',
          data: {
            claimId,
            occurredAt,
            reason: command.data.reason,
            refusedBy: { staffId, role },
            personal: { explanation },
          },
        },
      ];
    }
    case 'MarkClaimReadyForPayout':
      return [
        {
          type: 'ClaimMarkedReadyForPayout',
          data: { claimId, occurredAt, amountKopecks: approvedAmount(state, command.type) },
        },
      ];
    case 'PayOutClaim': {
      const paymentReference = requiredText(
        'paymentReference',
        command.data.paymentReference,
        'Укажите номер платёжного поручения.',
      );
      return [
        {
          type: 'ClaimPaidOut',
          data: { claimId, occurredAt, amountKopecks: approvedAmount(state, command.type), paymentReference },
        },
      ];
    }
    case 'WithdrawClaim': {
      const reason = optionalText('reason', command.data.reason);
      return [{ type: 'ClaimWithdrawn', data: { claimId, occurredAt, personal: { reason } } }];
    }
    default: {
      const _exhaustive: never = command;
      return _exhaustive;
    }
  }
}

function submit(command: SubmitClaim): ClaimEvent {
  const { actor, data } = command;
  if (actor.kind !== 'customer') throw ClaimErrors.forbidden();
  if (parseClaimNumber(data.claimNumber) === null) {
    throw ClaimErrors.badInput('claimNumber', 'Неверный номер заявления.');
  }
  const today = moscowDate(command.metadata.now);
  if (!isCalendarDate(data.incident.occurredOn) || data.incident.occurredOn > today) {
    throw ClaimErrors.badInput('incident.occurredOn', 'Дата события должна быть не позже сегодняшней.');
  }
  const kind = requiredText('incident.kind', data.incident.kind, 'Укажите вид события.');
  const incidentPlace = requiredText('incident.place', data.incident.place, 'Укажите место события.');
  const description = requiredText(
    'incident.description',
    data.incident.description,
    'Опишите, что произошло.',
  );
  const contactPhone = optionalText('contact.phone', data.contact.phone);
  const contactEmail = optionalText('contact.email', data.contact.email);
  if (contactPhone === null && contactEmail === null) {
    throw ClaimErrors.badInput('contact', 'Укажите телефон или электронную почту для связи.');
  }
  const { documents, documentNames } = splitDocuments(data.documents);
  return {
    type: 'ClaimSubmitted',
    data: {
      claimId: data.claimId,
      occurredAt: command.metadata.now.toISOString(),
      claimNumber: data.claimNumber.trim(),
      customerId: actor.customerId,
      policy: data.policy,
      incident: { occurredOn: data.incident.occurredOn, kind },
      documents,
      personal: { incidentPlace, description, contactPhone, contactEmail, documentNames },
    },
  };
}

/** The same customer sending the same claim again (a network retry) changes nothing. */
function isRetriedSubmission(command: SubmitClaim, claim: Claim): boolean {
  return (
    command.actor.kind === 'customer' &&
    command.actor.customerId === claim.customerId &&
    command.data.claimNumber.trim() === claim.claimNumber
  );
}

function requestClarification(
  command: RequestClaimClarification,
  claimId: string,
  rules: ClaimRules,
): ClaimEvent[] {
  const question = requiredText('question', command.data.question, 'Напишите вопрос.');
  const today = moscowDate(command.metadata.now);
  return [
    {
      type: 'ClaimClarificationRequested',
      data: {
        claimId,
        occurredAt: command.metadata.now.toISOString(),
        clarificationId: command.data.clarificationId,
        answerDueOn: addWorkingDays(today, rules.clarificationAnswerWorkingDays),
        personal: { question },
      },
    },
  ];
}

function authorize(actor: ClaimActor, who: Who, claim: Claim): void {
  const isOwner = actor.kind === 'customer' && actor.customerId === claim.customerId;
  const allowed =
    who === 'owner' ? isOwner : who === 'staff' ? actor.kind === 'staff' : isOwner || actor.kind === 'staff';
  if (!allowed) throw ClaimErrors.forbidden();
}

function staffActor(actor: ClaimActor): StaffClaimActor {
  // authorize() has already let only staff through to the commands that call this.
  if (actor.kind !== 'staff') throw ClaimErrors.forbidden();
  return actor;
}

function acceptedClaimClock(claim: Claim): DecisionClock {
  // ClaimAccepted starts the clock and only a decision stops it, so an accepted, undecided claim has one.
  if (claim.decisionClock === null)
    throw new Error(`Claim ${claim.claimId} is accepted but has no decision clock`);
  return claim.decisionClock;
}

function approvedAmount(claim: Claim, command: ClaimCommandType): number {
  if (claim.approvedAmountKopecks === null) throw ClaimErrors.transitionNotAllowed(claim, command);
  return claim.approvedAmountKopecks;
}

function splitDocuments(attached: readonly AttachedDocument[]): {
  documents: ClaimDocument[];
  documentNames: ClaimDocumentName[];
} {
  return {
    documents: attached.map(({ documentId, contentType, sizeBytes, sha256 }) => ({
      documentId,
      contentType,
      sizeBytes,
      sha256,
    })),
    documentNames: attached.map(({ documentId, fileName }) => ({ documentId, fileName })),
  };
}

function requiredText(field: string, value: string, messageWhenBlank: string): string {
  const text = value.trim();
  if (text === '') throw ClaimErrors.badInput(field, messageWhenBlank);
  if (text.length > MAX_TEXT_LENGTH) {
    throw ClaimErrors.badInput(field, `Текст длиннее ${MAX_TEXT_LENGTH} символов.`);
  }
  return text;
}

function optionalText(field: string, value: string | null): string | null {
  return value === null || value.trim() === '' ? null : requiredText(field, value, '');
}
