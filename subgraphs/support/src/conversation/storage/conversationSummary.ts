import type { RecordedEvent } from '@cabinet/platform/eventstore';
import type { ConversationEvent, MessageAuthor } from '../domain/conversationEvents.ts';
import type { ConversationTopic } from '../domain/conversationTopic.ts';

/** The latest message a customer may see (never an internal note). */
export interface LastMessage {
  readonly messageId: string;
  readonly number: number;
  readonly side: MessageAuthor;
  readonly text: string;
  readonly sentAt: string;
}

/** One conversation as its lists show it: the customer's inbox and the operators' queue. */
export interface ConversationSummary {
  readonly conversationId: string;
  readonly customerId: string;
  readonly topic: ConversationTopic;
  readonly subjectId: string | null;
  readonly status: 'OPEN' | 'CLOSED';
  readonly assigneeId: string | null;
  readonly openedAt: string;
  readonly updatedAt: string;
  readonly closedAt: string | null;
  readonly lastMessage: LastMessage | null;
  readonly lastNumber: number;
  readonly customerReadUpTo: number;
  readonly operatorReadUpTo: number;
  /** Operator replies (and automatic replies) the customer has not read yet, by number. */
  readonly unreadReplyNumbers: readonly number[];
  /** Customer messages no operator has read yet, by number. */
  readonly unreadCustomerNumbers: readonly number[];
  /** When the oldest customer message no operator has answered yet was sent; null when nobody waits. */
  readonly waitingSince: string | null;
  readonly firstResponseAt: string | null;
  readonly rating: { readonly score: number; readonly comment: string | null } | null;
  /** The adjusters pulled into the conversation and still in it; absent from rows written before adjusters could be. */
  readonly adjusterIds?: readonly string[];
  /** The stream revision and log position of the last event folded in. */
  readonly revision: number;
  readonly cursor: string;
}

/** The adjusters in a conversation, as its summary holds them. */
export function adjustersOf(summary: ConversationSummary): readonly string[] {
  return summary.adjusterIds ?? [];
}

/** Folds one recorded event into a conversation's summary; the opening event starts it. */
export function summarize(
  summary: ConversationSummary | null,
  event: ConversationEvent,
  recorded: Pick<RecordedEvent, 'revision' | 'position'>,
): ConversationSummary | null {
  const stamp = { revision: Number(recorded.revision), cursor: recorded.position };
  if (event.type === 'ConversationOpened') {
    return {
      conversationId: event.data.conversationId,
      customerId: event.data.customerId,
      topic: event.data.topic,
      subjectId: event.data.subjectId,
      status: 'OPEN',
      assigneeId: null,
      openedAt: event.data.occurredAt,
      updatedAt: event.data.occurredAt,
      closedAt: null,
      lastMessage: null,
      lastNumber: 0,
      customerReadUpTo: 0,
      operatorReadUpTo: 0,
      unreadReplyNumbers: [],
      unreadCustomerNumbers: [],
      waitingSince: null,
      firstResponseAt: null,
      rating: null,
      adjusterIds: [],
      ...stamp,
    };
  }
  if (summary === null) return null;
  const at = event.data.occurredAt;
  const changed = { ...summary, ...stamp, updatedAt: at };
  switch (event.type) {
    case 'CustomerMessageSent':
      return {
        ...changed,
        lastNumber: event.data.number,
        lastMessage: {
          messageId: event.data.messageId,
          number: event.data.number,
          side: 'CUSTOMER',
          text: event.data.text,
          sentAt: at,
        },
        // Writing, the customer has seen everything before their message.
        customerReadUpTo: event.data.number,
        unreadReplyNumbers: [],
        unreadCustomerNumbers: [...summary.unreadCustomerNumbers, event.data.number],
        waitingSince: summary.waitingSince ?? at,
      };
    case 'OperatorReplied':
      return {
        ...changed,
        lastNumber: event.data.number,
        lastMessage: {
          messageId: event.data.messageId,
          number: event.data.number,
          side: 'OPERATOR',
          text: event.data.text,
          sentAt: at,
        },
        operatorReadUpTo: event.data.number,
        unreadReplyNumbers: [...summary.unreadReplyNumbers, event.data.number],
        unreadCustomerNumbers: [],
        waitingSince: null,
        firstResponseAt: summary.firstResponseAt ?? at,
      };
    case 'InternalNoteAdded':
      // A note is the operators' own: the customer's inbox does not move for it.
      return {
        ...summary,
        ...stamp,
        lastNumber: event.data.number,
        operatorReadUpTo: Math.max(summary.operatorReadUpTo, event.data.number),
        unreadCustomerNumbers: [],
      };
    case 'AutoReplySent':
      // The customer reads it; it answers nobody's wait, so the queue still waits for an operator.
      return {
        ...changed,
        lastNumber: event.data.number,
        lastMessage: {
          messageId: event.data.messageId,
          number: event.data.number,
          side: 'SYSTEM',
          text: event.data.text,
          sentAt: at,
        },
        unreadReplyNumbers: [...summary.unreadReplyNumbers, event.data.number],
      };
    case 'ConversationAssigned':
      return { ...changed, assigneeId: event.data.toOperatorId };
    case 'MessagesRead':
      return event.data.side === 'CUSTOMER'
        ? {
            ...changed,
            customerReadUpTo: Math.max(summary.customerReadUpTo, event.data.upToNumber),
            unreadReplyNumbers: summary.unreadReplyNumbers.filter((number) => number > event.data.upToNumber),
          }
        : {
            ...changed,
            operatorReadUpTo: Math.max(summary.operatorReadUpTo, event.data.upToNumber),
            unreadCustomerNumbers: summary.unreadCustomerNumbers.filter(
              (number) => number > event.data.upToNumber,
            ),
          };
    case 'ConversationClosed':
      return { ...changed, status: 'CLOSED', closedAt: at, waitingSince: null };
    case 'ConversationReopened':
      return { ...changed, status: 'OPEN', closedAt: null };
    case 'ConversationRated':
      return { ...changed, rating: { score: event.data.score, comment: event.data.comment } };
    case 'AdjusterJoined':
      return { ...changed, adjusterIds: [...adjustersOf(summary), event.data.adjusterId] };
    case 'AdjusterLeft':
      return { ...changed, adjusterIds: adjustersOf(summary).filter((id) => id !== event.data.adjusterId) };
    default: {
      const _exhaustive: never = event;
      return _exhaustive;
    }
  }
}
