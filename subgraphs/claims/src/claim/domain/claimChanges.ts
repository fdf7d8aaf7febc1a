import { addWorkingDays, type CalendarDate } from '@cabinet/kernel';
import type { ClaimActor, StaffClaimActor } from './claimActor.ts';
import { optionalText, requiredText, splitDocuments } from './claimCommandInput.ts';
import type {
  AcceptClaim,
  AnswerClaimClarification,
  ApproveClaim,
  AssignClaim,
  ClaimCommandType,
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
import { ClaimErrors } from './claimErrors.ts';
import type { ClaimEvent, DecisionClock } from './claimEvents.ts';
import { decisionDeadlineRule, type ClaimRules } from './claimRules.ts';
import type { Claim } from './claimState.ts';
import { pauseDecisionClock, resumeDecisionClock, startDecisionClock } from './decisionClock.ts';

/** What a command on an existing claim is decided with besides the command and the claim. */
export interface ChangeContext {
  readonly claimId: string;
  /** The command's moment, as its events record it. */
  readonly occurredAt: string;
  /** The command's day in Moscow, which deadlines count from. */
  readonly today: CalendarDate;
  readonly rules: ClaimRules;
}

/*
 * One function per command on an existing claim: the events it records once its issuer may give it
 * and the claim's state allows it (claimPermissions.ts), none when it repeats what already happened,
 * or a DomainError for bad input or a rule of the command's own.
 */

export function acceptClaim(_command: AcceptClaim, claim: Claim, context: ChangeContext): ClaimEvent[] {
  const { claimId, occurredAt, today, rules } = context;
  const rule = decisionDeadlineRule(claim.policy.product, rules);
  const decisionClock = startDecisionClock(today, rule.days, rule.counting);
  return [{ type: 'ClaimAccepted', data: { claimId, occurredAt, acceptedOn: today, decisionClock } }];
}

export function assignClaim(command: AssignClaim, claim: Claim, context: ChangeContext): ClaimEvent[] {
  const { claimId, occurredAt } = context;
  const actor = staffActor(command.actor);
  const adjusterId = requiredText('adjusterId', command.data.adjusterId, 'Укажите урегулировщика.');
  // An adjuster may take an unassigned claim; handing claims to others is a supervisor's job.
  if (actor.role === 'adjuster' && (adjusterId !== actor.staffId || claim.adjusterId !== null)) {
    throw ClaimErrors.forbidden();
  }
  const { registered } = command.data;
  if (registered?.staffId !== adjusterId || !registered.roles.includes('adjuster')) {
    throw ClaimErrors.adjusterNotFound(adjusterId);
  }
  if (claim.adjusterId === adjusterId) return [];
  return [
    { type: 'ClaimAssigned', data: { claimId, occurredAt, adjusterId, adjusterName: registered.fullName } },
  ];
}

export function startClaimWork(_command: StartClaimWork, claim: Claim, context: ChangeContext): ClaimEvent[] {
  const { claimId, occurredAt } = context;
  if (claim.adjusterId === null) throw ClaimErrors.notAssigned();
  return [{ type: 'ClaimWorkStarted', data: { claimId, occurredAt, adjusterId: claim.adjusterId } }];
}

export function requestClarification(
  command: RequestClaimClarification,
  _claim: Claim,
  context: ChangeContext,
): ClaimEvent[] {
  const { claimId, occurredAt, today, rules } = context;
  const question = requiredText('question', command.data.question, 'Напишите вопрос.');
  return [
    {
      type: 'ClaimQuestionAsked',
      data: {
        claimId,
        occurredAt,
        clarificationId: command.data.clarificationId,
        answerDueOn: addWorkingDays(today, rules.clarificationAnswerWorkingDays),
        personal: { question },
      },
    },
  ];
}

export function answerClarification(
  command: AnswerClaimClarification,
  claim: Claim,
  context: ChangeContext,
): ClaimEvent[] {
  const { claimId, occurredAt } = context;
  const answer = requiredText('answer', command.data.answer, 'Напишите ответ.');
  const clarificationId = claim.openClarification?.clarificationId ?? '';
  return [
    {
      type: 'ClaimClarificationAnswered',
      data: { claimId, occurredAt, clarificationId, personal: { answer } },
    },
  ];
}

export function requestDocuments(
  command: RequestClaimDocuments,
  claim: Claim,
  context: ChangeContext,
): ClaimEvent[] {
  const { claimId, occurredAt, today } = context;
  const message = requiredText('message', command.data.message, 'Опишите, какие документы нужны.');
  const decisionClock = pauseDecisionClock(acceptedClaimClock(claim), today);
  return [
    {
      type: 'ClaimDocumentsRequested',
      data: { claimId, occurredAt, decisionClock, personal: { message } },
    },
  ];
}

export function provideDocuments(
  command: ProvideClaimDocuments,
  claim: Claim,
  context: ChangeContext,
): ClaimEvent[] {
  const { claimId, occurredAt, today } = context;
  const { documents, documentNames } = splitDocuments(command.data.documents);
  if (documents.length === 0) throw ClaimErrors.badInput('documents', 'Приложите хотя бы один документ.');
  const fulfilsRequest = claim.documentsRequested;
  const decisionClock =
    fulfilsRequest && claim.decisionClock
      ? resumeDecisionClock(claim.decisionClock, today)
      : claim.decisionClock;
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

export function commentOnClaim(command: CommentOnClaim, claim: Claim, context: ChangeContext): ClaimEvent[] {
  const { claimId, occurredAt } = context;
  const text = requiredText('text', command.data.text, 'Комментарий пуст.');
  if (claim.commentIds.includes(command.data.commentId)) return [];
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

export function approveClaim(command: ApproveClaim, _claim: Claim, context: ChangeContext): ClaimEvent[] {
  const { claimId, occurredAt, rules } = context;
  const { staffId, role } = staffActor(command.actor);
  const { amountKopecks } = command.data;
  if (!Number.isSafeInteger(amountKopecks) || amountKopecks <= 0) {
    throw ClaimErrors.badInput('amountKopecks', 'Сумма выплаты должна быть положительной, в целых копейках.');
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

export function refuseClaim(command: RefuseClaim, _claim: Claim, context: ChangeContext): ClaimEvent[] {
  const { claimId, occurredAt } = context;
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

export function markReadyForPayout(
  command: MarkClaimReadyForPayout,
  claim: Claim,
  context: ChangeContext,
): ClaimEvent[] {
  const { claimId, occurredAt } = context;
  return [
    {
      type: 'ClaimMarkedReadyForPayout',
      data: { claimId, occurredAt, amountKopecks: approvedAmount(claim, command.type) },
    },
  ];
}

export function payOutClaim(command: PayOutClaim, claim: Claim, context: ChangeContext): ClaimEvent[] {
  const { claimId, occurredAt, rules } = context;
  const amountKopecks = approvedAmount(claim, command.type);
  // Four eyes on large payouts: whoever approved, a supervisor makes the transfer.
  if (staffActor(command.actor).role === 'adjuster' && amountKopecks >= rules.supervisorPayoutFromKopecks) {
    throw ClaimErrors.payoutNeedsSupervisor(amountKopecks, rules.supervisorPayoutFromKopecks);
  }
  const paymentReference = requiredText(
    'paymentReference',
    command.data.paymentReference,
    'Укажите номер платёжного поручения.',
  );
  return [
    {
      type: 'ClaimPaidOut',
      data: { claimId, occurredAt, amountKopecks, paymentReference },
    },
  ];
}

export function withdrawClaim(command: WithdrawClaim, _claim: Claim, context: ChangeContext): ClaimEvent[] {
  const { claimId, occurredAt } = context;
  const reason = optionalText('reason', command.data.reason);
  return [{ type: 'ClaimWithdrawn', data: { claimId, occurredAt, personal: { reason } } }];
}

function staffActor(actor: ClaimActor): StaffClaimActor {
  // The permissions have already let only staff through to the commands that call this.
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
