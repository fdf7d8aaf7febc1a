import { withHandledCommand, type HandledCommands } from '@cabinet/kernel';
import type { ConversationCommandType } from './conversationCommands.ts';
import type { AssignmentKind, ConversationEvent } from './conversationEvents.ts';
import type { ConversationTopic } from './conversationTopic.ts';

export interface Conversation {
  readonly kind: 'conversation';
  readonly conversationId: string;
  readonly customerId: string;
  readonly topic: ConversationTopic;
  readonly subjectId: string | null;
  readonly status: 'OPEN' | 'CLOSED';
  readonly assigneeId: string | null;
  /** The number of the last message written (notes included); 0 before any. */
  readonly lastNumber: number;
  /** Message ids already written, so a retried send adds nothing. */
  readonly messageIds: ReadonlySet<string>;
  readonly customerReadUpTo: number;
  readonly operatorReadUpTo: number;
  readonly operatorReplied: boolean;
  readonly closedAt: string | null;
  readonly rated: boolean;
  /** An automatic after-hours reply has been written since the last operator reply. */
  readonly autoReplied: boolean;
  /** The adjusters pulled into the conversation and still in it. */
  readonly adjusterIds: ReadonlySet<string>;
  /** The commands the conversation has handled, by command id, with what each was: a repeat changes nothing. */
  readonly handledCommands: HandledCommands<ConversationCommandType>;
}

export type ConversationState = { readonly kind: 'none' } | Conversation;

export const initialState: ConversationState = { kind: 'none' };

function withMessage(conversation: Conversation, messageId: string, number: number): Conversation {
  return {
    ...conversation,
    lastNumber: number,
    messageIds: new Set([...conversation.messageIds, messageId]),
  };
}

export function evolve(state: ConversationState, event: ConversationEvent): ConversationState {
  const next = evolveFact(state, event);
  if (next.kind === 'none' || event.commandId === undefined) return next;
  const handledCommands = handledAfter(next.handledCommands, event, event.commandId);
  return handledCommands === next.handledCommands ? next : { ...next, handledCommands };
}

/** The handled commands once the command that recorded `event` is among them. */
function handledAfter(
  handled: HandledCommands<ConversationCommandType>,
  event: ConversationEvent,
  commandId: string,
): HandledCommands<ConversationCommandType> {
  const command = { type: commandRecording(event), fingerprint: event.commandFingerprint ?? null };
  // A reply to an unassigned conversation records the take it implies before the reply: the reply names it.
  if (event.type === 'OperatorReplied') return { ...handled, [commandId]: command };
  return withHandledCommand(handled, commandId, command);
}

/**
 * The command that records an event as the first of its events. A customer's message (and the
 * automatic reply to it) also follows the opening of a conversation, whose command the first event named.
 */
function commandRecording(event: ConversationEvent): ConversationCommandType {
  switch (event.type) {
    case 'ConversationOpened':
      return 'OpenConversation';
    case 'CustomerMessageSent':
    case 'AutoReplySent':
      return 'SendCustomerMessage';
    case 'OperatorReplied':
      return 'ReplyToConversation';
    case 'InternalNoteAdded':
      return 'AddInternalNote';
    case 'ConversationAssigned':
      return ASSIGNING_COMMANDS[event.data.kind];
    case 'MessagesRead':
      return 'MarkConversationRead';
    case 'ConversationClosed':
      return 'CloseConversation';
    case 'ConversationReopened':
      return 'ReopenConversation';
    case 'ConversationRated':
      return 'RateConversation';
    case 'AdjusterJoined':
      return 'InviteAdjuster';
    case 'AdjusterLeft':
      return 'RemoveAdjuster';
    default: {
      const _exhaustive: never = event;
      return _exhaustive;
    }
  }
}

const ASSIGNING_COMMANDS = {
  TAKE: 'TakeConversation',
  ASSIGN: 'AssignConversation',
  TRANSFER: 'TransferConversation',
} as const satisfies Record<AssignmentKind, ConversationCommandType>;

function evolveFact(state: ConversationState, event: ConversationEvent): ConversationState {
  if (event.type === 'ConversationOpened') {
    return {
      kind: 'conversation',
      conversationId: event.data.conversationId,
      customerId: event.data.customerId,
      topic: event.data.topic,
      subjectId: event.data.subjectId,
      status: 'OPEN',
      assigneeId: null,
      lastNumber: 0,
      messageIds: new Set(),
      customerReadUpTo: 0,
      operatorReadUpTo: 0,
      operatorReplied: false,
      closedAt: null,
      rated: false,
      autoReplied: false,
      adjusterIds: new Set(),
      handledCommands: {},
    };
  }
  if (state.kind === 'none') return state;
  switch (event.type) {
    case 'CustomerMessageSent':
      return {
        ...withMessage(state, event.data.messageId, event.data.number),
        // A customer has read what they wrote themself.
        customerReadUpTo: event.data.number,
      };
    case 'OperatorReplied':
      return {
        ...withMessage(state, event.data.messageId, event.data.number),
        operatorReadUpTo: event.data.number,
        operatorReplied: true,
        autoReplied: false,
      };
    case 'InternalNoteAdded':
      return withMessage(state, event.data.messageId, event.data.number);
    case 'AutoReplySent':
      return { ...withMessage(state, event.data.messageId, event.data.number), autoReplied: true };
    case 'ConversationAssigned':
      return { ...state, assigneeId: event.data.toOperatorId };
    case 'MessagesRead':
      return event.data.side === 'CUSTOMER'
        ? { ...state, customerReadUpTo: Math.max(state.customerReadUpTo, event.data.upToNumber) }
        : { ...state, operatorReadUpTo: Math.max(state.operatorReadUpTo, event.data.upToNumber) };
    case 'ConversationClosed':
      return { ...state, status: 'CLOSED', closedAt: event.data.occurredAt };
    case 'ConversationReopened':
      return { ...state, status: 'OPEN', closedAt: null };
    case 'ConversationRated':
      return { ...state, rated: true };
    case 'AdjusterJoined':
      return { ...state, adjusterIds: new Set([...state.adjusterIds, event.data.adjusterId]) };
    case 'AdjusterLeft':
      return {
        ...state,
        adjusterIds: new Set([...state.adjusterIds].filter((id) => id !== event.data.adjusterId)),
      };
    default: {
      const _exhaustive: never = event;
      return _exhaustive;
    }
  }
}

export function foldConversation(events: Iterable<ConversationEvent>): ConversationState {
  let folded = initialState;
  for (const event of events) folded = evolve(folded, event);
  return folded;
}
