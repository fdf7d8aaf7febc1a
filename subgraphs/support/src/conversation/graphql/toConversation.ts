import type { RecordedEvent } from '@cabinet/platform/eventstore';
import { conversationEventOf } from '../application/conversationEventCodec.ts';
import type { ConversationView } from '../application/supportService.ts';
import { CONVERSATION_TOPIC_LABELS } from '../domain/conversationTopic.ts';
import { adjustersOf, type LastMessage } from '../storage/conversationSummary.ts';
import { Conversation, ConversationRating, SupportMessage } from './conversation.type.ts';

/** Whole seconds from one moment to a later one. */
function secondsBetween(from: string, to: string): number {
  return Math.max(0, Math.floor((Date.parse(to) - Date.parse(from)) / 1_000));
}

export function toConversation(view: ConversationView): Conversation {
  const { summary } = view;
  const operator = view.viewer === 'OPERATOR';
  return Object.assign(new Conversation(), {
    id: summary.conversationId,
    cursor: summary.cursor,
    topic: summary.topic,
    topicLabel: CONVERSATION_TOPIC_LABELS[summary.topic],
    subjectId: summary.subjectId,
    status: summary.status,
    assigneeId: operator ? summary.assigneeId : null,
    customerId: operator ? summary.customerId : null,
    openedAt: new Date(summary.openedAt),
    updatedAt: new Date(summary.updatedAt),
    closedAt: summary.closedAt === null ? null : new Date(summary.closedAt),
    lastMessage: summary.lastMessage && lastMessageOf(summary.lastMessage),
    unreadCount: operator ? summary.unreadCustomerNumbers.length : summary.unreadReplyNumbers.length,
    customerReadUpTo: summary.customerReadUpTo,
    operatorReadUpTo: summary.operatorReadUpTo,
    waitingSince: operator && summary.waitingSince !== null ? new Date(summary.waitingSince) : null,
    adjusterIds: operator ? [...adjustersOf(summary)] : [],
    firstResponseAt: operator && summary.firstResponseAt !== null ? new Date(summary.firstResponseAt) : null,
    firstResponseSeconds:
      operator && summary.firstResponseAt !== null
        ? secondsBetween(summary.openedAt, summary.firstResponseAt)
        : null,
    resolutionSeconds:
      operator && summary.closedAt !== null ? secondsBetween(summary.openedAt, summary.closedAt) : null,
    rating: summary.rating && Object.assign(new ConversationRating(), summary.rating),
    view,
  });
}

function lastMessageOf(message: LastMessage): SupportMessage {
  return Object.assign(new SupportMessage(), {
    id: message.messageId,
    number: message.number,
    author: message.side,
    operatorId: null,
    internal: false,
    text: message.text,
    sentAt: new Date(message.sentAt),
    attachedFiles: [],
  });
}

/** The conversation's messages in order; internal notes only for operators. */
const AUTHORS = {
  CustomerMessageSent: 'CUSTOMER',
  OperatorReplied: 'OPERATOR',
  InternalNoteAdded: 'OPERATOR',
  AutoReplySent: 'SYSTEM',
} as const;

export function messagesOf(
  history: readonly RecordedEvent[],
  viewer: ConversationView['viewer'],
): SupportMessage[] {
  const messages: SupportMessage[] = [];
  for (const recorded of history) {
    const event = conversationEventOf(recorded);
    if (
      event.type !== 'CustomerMessageSent' &&
      event.type !== 'OperatorReplied' &&
      event.type !== 'InternalNoteAdded' &&
      event.type !== 'AutoReplySent'
    )
      continue;
    const internal = event.type === 'InternalNoteAdded';
    if (internal && viewer === 'CUSTOMER') continue;
    messages.push(
      Object.assign(new SupportMessage(), {
        id: event.data.messageId,
        number: event.data.number,
        author: AUTHORS[event.type],
        operatorId: viewer === 'OPERATOR' && 'operatorId' in event.data ? event.data.operatorId : null,
        internal,
        text: event.data.text,
        sentAt: new Date(event.data.occurredAt),
        attachedFiles: event.data.attachments ?? [],
      }),
    );
  }
  return messages;
}
