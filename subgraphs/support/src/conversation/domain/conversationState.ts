import type { ConversationEvent } from './conversationEvents.ts';
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
