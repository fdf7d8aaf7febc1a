import { isHandledCommand } from '@cabinet/kernel';
import {
  CONVERSATION_COMMAND_LABELS,
  type AssignConversation,
  type ConversationChangeCommand,
  type ConversationCommand,
  type OpenConversation,
  type RegisteredStaffMember,
  type TransferConversation,
} from './conversationCommands.ts';
import { ConversationErrors } from './conversationErrors.ts';
import type { ConversationEvent } from './conversationEvents.ts';
import { afterHoursReply, isWithinBusinessHours, nextOpening } from './businessHours.ts';
import { validRating } from './conversationRating.ts';
import type { Conversation, ConversationState } from './conversationState.ts';
import { CONVERSATION_TOPICS, subjectKindOf } from './conversationTopic.ts';
import { withAttachments } from './messageAttachments.ts';
import { messageText } from './messageText.ts';
import type { OperatorActor, SupportActor } from './supportActor.ts';
import type { SupportRules } from './supportRules.ts';

const DAY_MS = 24 * 60 * 60_000;

/**
 * The automatic reply to a customer message numbered `number` outside business hours: once until an
 * operator answers, saying when they will.
 */
function afterHours(
  conversation: { readonly autoReplied: boolean },
  command: { readonly autoReplyId: string },
  base: { readonly conversationId: string; readonly occurredAt: string },
  number: number,
  rules: SupportRules,
  now: Date,
): ConversationEvent[] {
  const hours = rules.businessHours;
  if (hours === 'ALWAYS' || conversation.autoReplied || isWithinBusinessHours(now, hours)) return [];
  const opening = nextOpening(now, hours);
  return [
    {
      type: 'AutoReplySent',
      data: {
        ...base,
        messageId: command.autoReplyId,
        number: number + 1,
        text: afterHoursReply(opening, hours),
        answerExpectedAt: opening.toISOString(),
      },
    },
  ];
}

/**
 * Decides what a command does to a conversation: the events to append, none when it repeats what
 * already happened, or a DomainError when refused.
 *
 * A command the conversation has already handled (the same command id) is answered first, before any
 * other rule: its events are recorded, so the repeat records nothing, whatever the conversation's state
 * is now. (Command ids are derived from the caller and their key, so only the caller repeats their own.)
 * Without a key, a repeated message is still recognised by its id, and a repeated take, read or close
 * by the state it would bring about.
 */
export function decide(
  command: ConversationCommand,
  state: ConversationState,
  rules: SupportRules,
): ConversationEvent[] {
  if (isRepeat(command, state)) return [];
  if (command.type === 'OpenConversation') return decideOpening(command, state, rules);
  if (state.kind === 'none') throw ConversationErrors.notFound();
  const { actor } = command.metadata;
  // Someone else's conversation does not exist for a customer.
  if (actor.kind === 'customer' && actor.customerId !== state.customerId) throw ConversationErrors.notFound();
  // An adjuster takes part only in a conversation they were pulled into, and only while in it.
  if (actor.kind === 'adjuster' && !state.adjusterIds.has(actor.staffId))
    throw ConversationErrors.forbidden();
  return decideChange(command, state, rules);
}

function decideOpening(
  command: OpenConversation,
  state: ConversationState,
  rules: SupportRules,
): ConversationEvent[] {
  const { actor, now } = command.metadata;
  if (actor.kind !== 'customer') throw ConversationErrors.forbidden();
  if (state.kind !== 'none') {
    if (state.customerId === actor.customerId && state.messageIds.has(command.messageId)) return [];
    throw ConversationErrors.forbidden();
  }
  if (!CONVERSATION_TOPICS.includes(command.topic))
    throw ConversationErrors.badInput('topic', 'Неизвестная тема обращения.');
  const subjectKind = subjectKindOf(command.topic);
  const subjectRequired = command.topic === 'POLICY' || command.topic === 'CLAIM';
  if (subjectRequired && command.subjectId === null)
    throw ConversationErrors.badInput(
      'subjectId',
      subjectKind === 'claim' ? 'Укажите заявление, о котором вопрос.' : 'Укажите полис, о котором вопрос.',
    );
  if (subjectKind === null && command.subjectId !== null)
    throw ConversationErrors.badInput('subjectId', 'У общего вопроса нет полиса или заявления.');
  const text = messageText(command.text);
  const base = { conversationId: command.conversationId, occurredAt: now.toISOString() };
  return [
    {
      type: 'ConversationOpened',
      data: {
        ...base,
        customerId: actor.customerId,
        topic: command.topic,
        subjectId: command.subjectId,
        noticeEmail: command.noticeEmail,
        // A name is kept only with an address to write to: it is sealed with the address, never alone.
        noticeName: command.noticeEmail === null ? null : command.noticeName,
      },
    },
    {
      type: 'CustomerMessageSent',
      data: withAttachments({ ...base, messageId: command.messageId, number: 1, text }, command.attachments),
    },
    ...afterHours({ autoReplied: false }, command, base, 1, rules, now),
  ];
}

function decideChange(
  command: ConversationChangeCommand,
  conversation: Conversation,
  rules: SupportRules,
): ConversationEvent[] {
  const { actor, now } = command.metadata;
  const base = { conversationId: conversation.conversationId, occurredAt: now.toISOString() };
  const number = conversation.lastNumber + 1;
  switch (command.type) {
    case 'SendCustomerMessage': {
      asCustomer(actor);
      if (conversation.messageIds.has(command.messageId)) return [];
      assertOpen(conversation);
      const text = messageText(command.text);
      return [
        {
          type: 'CustomerMessageSent',
          data: withAttachments({ ...base, messageId: command.messageId, number, text }, command.attachments),
        },
        ...afterHours(conversation, command, base, number, rules, now),
      ];
    }
    case 'ReplyToConversation': {
      const staff = asStaff(actor);
      if (conversation.messageIds.has(command.messageId)) return [];
      assertOpen(conversation);
      if (staff.kind === 'operator') assertNotHeldByAnother(conversation, staff);
      const text = messageText(command.text);
      // An adjuster answers as the insurer's staff, as operators do, without taking the conversation.
      const reply: ConversationEvent = {
        type: 'OperatorReplied',
        data: withAttachments(
          { ...base, messageId: command.messageId, number, text, operatorId: staff.staffId },
          command.attachments,
        ),
      };
      if (staff.kind === 'adjuster' || conversation.assigneeId !== null) return [reply];
      const operator = staff;
      // Answering an unassigned conversation takes it, so the customer's next message comes back to them.
      return [assignment(base, 'TAKE', null, operator.staffId, operator.staffId), reply];
    }
    case 'AddInternalNote': {
      const operator = asOperator(actor);
      if (conversation.messageIds.has(command.messageId)) return [];
      assertOpen(conversation);
      const text = messageText(command.text);
      return [
        {
          type: 'InternalNoteAdded',
          data: { ...base, messageId: command.messageId, number, text, operatorId: operator.staffId },
        },
      ];
    }
    case 'TakeConversation': {
      const operator = asOperator(actor);
      assertOpen(conversation);
      if (conversation.assigneeId === operator.staffId) return [];
      assertNotHeldByAnother(conversation, operator);
      return [assignment(base, 'TAKE', conversation.assigneeId, operator.staffId, operator.staffId)];
    }
    case 'AssignConversation': {
      const operator = asOperator(actor);
      if (!operator.supervisor) throw ConversationErrors.forbidden();
      return handOver(command, conversation, operator, 'ASSIGN', base);
    }
    case 'TransferConversation': {
      const operator = asOperator(actor);
      if (!operator.supervisor && conversation.assigneeId !== operator.staffId)
        throw ConversationErrors.assignedElsewhere();
      return handOver(command, conversation, operator, 'TRANSFER', base);
    }
    case 'MarkConversationRead': {
      if (actor.kind === 'adjuster') throw ConversationErrors.forbidden();
      const upTo = command.upToNumber;
      if (!Number.isInteger(upTo) || upTo < 1 || upTo > conversation.lastNumber)
        throw ConversationErrors.badInput('upToMessageNumber', 'В обращении нет сообщения с таким номером.');
      const side = actor.kind === 'customer' ? 'CUSTOMER' : 'OPERATOR';
      const readUpTo = side === 'CUSTOMER' ? conversation.customerReadUpTo : conversation.operatorReadUpTo;
      if (upTo <= readUpTo) return [];
      const readerId = actor.kind === 'customer' ? actor.customerId : actor.staffId;
      return [{ type: 'MessagesRead', data: { ...base, side, readerId, upToNumber: upTo } }];
    }
    case 'CloseConversation': {
      if (actor.kind === 'adjuster') throw ConversationErrors.forbidden();
      if (conversation.status === 'CLOSED') return [];
      if (actor.kind === 'operator') assertNotHeldByAnother(conversation, actor);
      const closedBy = actor.kind === 'customer' ? actor.customerId : actor.staffId;
      const side = actor.kind === 'customer' ? 'CUSTOMER' : 'OPERATOR';
      return [{ type: 'ConversationClosed', data: { ...base, side, closedBy } }];
    }
    case 'ReopenConversation': {
      const customer = asCustomer(actor);
      if (conversation.status !== 'CLOSED' || conversation.closedAt === null)
        throw ConversationErrors.notClosed();
      if (now.getTime() - Date.parse(conversation.closedAt) > rules.reopenWithinDays * DAY_MS)
        throw ConversationErrors.reopenExpired(rules.reopenWithinDays);
      return [{ type: 'ConversationReopened', data: { ...base, customerId: customer.customerId } }];
    }
    case 'RateConversation': {
      asCustomer(actor);
      if (conversation.rated) throw ConversationErrors.alreadyRated();
      if (conversation.status !== 'CLOSED' && !conversation.operatorReplied)
        throw ConversationErrors.notRateable();
      return [
        { type: 'ConversationRated', data: { ...base, ...validRating(command.score, command.comment) } },
      ];
    }
    case 'InviteAdjuster': {
      const operator = asOperator(actor);
      assertOpen(conversation);
      assertNotHeldByAnother(conversation, operator);
      if (conversation.topic !== 'CLAIM' || conversation.subjectId === null)
        throw ConversationErrors.notAboutClaim();
      const { adjusterId, registered } = command;
      const isAdjuster = registered?.staffId === adjusterId && registered.roles.includes('adjuster');
      if (!isAdjuster || command.claimAdjusterId !== adjusterId)
        throw ConversationErrors.adjusterNotAssigned(adjusterId);
      if (conversation.adjusterIds.has(adjusterId)) return [];
      return [
        {
          type: 'AdjusterJoined',
          data: { ...base, adjusterId, claimId: conversation.subjectId, byStaffId: operator.staffId },
        },
      ];
    }
    case 'RemoveAdjuster': {
      const staff = asStaff(actor);
      if (staff.kind === 'adjuster' && staff.staffId !== command.adjusterId)
        throw ConversationErrors.forbidden();
      if (staff.kind === 'operator') assertNotHeldByAnother(conversation, staff);
      if (!conversation.adjusterIds.has(command.adjusterId))
        throw ConversationErrors.adjusterNotInConversation(command.adjusterId);
      return [
        { type: 'AdjusterLeft', data: { ...base, adjusterId: command.adjusterId, byStaffId: staff.staffId } },
      ];
    }
    default: {
      const _exhaustive: never = command;
      return _exhaustive;
    }
  }
}

/**
 * True for a command the conversation has handled: the same id, the same command and the same request.
 * A command id reused for another command, or for the same command asking something else, is refused.
 */
export function isRepeat(command: ConversationCommand, state: ConversationState): boolean {
  if (state.kind === 'none') return false;
  return isHandledCommand(command, state.handledCommands, CONVERSATION_COMMAND_LABELS);
}

type Base = { readonly conversationId: string; readonly occurredAt: string };

function assignment(
  base: Base,
  kind: 'TAKE' | 'ASSIGN' | 'TRANSFER',
  fromOperatorId: string | null,
  toOperatorId: string,
  byStaffId: string,
): ConversationEvent {
  return { type: 'ConversationAssigned', data: { ...base, kind, fromOperatorId, toOperatorId, byStaffId } };
}

/** An assignment or a transfer to another operator, who must be active support staff (or a supervisor). */
function handOver(
  command: AssignConversation | TransferConversation,
  conversation: Conversation,
  operator: OperatorActor,
  kind: 'ASSIGN' | 'TRANSFER',
  base: Base,
): ConversationEvent[] {
  assertOpen(conversation);
  if (!isSupportStaff(command.registered, command.operatorId))
    throw ConversationErrors.operatorNotFound(command.operatorId);
  if (conversation.assigneeId === command.operatorId) return [];
  return [assignment(base, kind, conversation.assigneeId, command.operatorId, operator.staffId)];
}

function isSupportStaff(registered: RegisteredStaffMember | null, operatorId: string): boolean {
  return (
    registered !== null &&
    registered.staffId === operatorId &&
    (registered.roles.includes('support') || registered.roles.includes('supervisor'))
  );
}

function asCustomer(actor: SupportActor): Extract<SupportActor, { kind: 'customer' }> {
  if (actor.kind !== 'customer') throw ConversationErrors.forbidden();
  return actor;
}

/** Operators and the adjusters in the conversation (checked before deciding). */
function asStaff(actor: SupportActor): Exclude<SupportActor, { kind: 'customer' }> {
  if (actor.kind === 'customer') throw ConversationErrors.forbidden();
  return actor;
}

function asOperator(actor: SupportActor): OperatorActor {
  if (actor.kind !== 'operator') throw ConversationErrors.forbidden();
  return actor;
}

function assertOpen(conversation: Conversation): void {
  if (conversation.status === 'CLOSED') throw ConversationErrors.closed();
}

/** Only the assignee works a conversation someone holds; a supervisor may step in anywhere. */
function assertNotHeldByAnother(conversation: Conversation, operator: OperatorActor): void {
  if (operator.supervisor) return;
  if (conversation.assigneeId !== null && conversation.assigneeId !== operator.staffId)
    throw ConversationErrors.assignedElsewhere();
}
