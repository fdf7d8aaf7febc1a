import { formatMoscowDateTime } from '@cabinet/platform/pdf';
import type { AssignmentKind, ConversationEvent } from '../../conversation/domain/conversationEvents.ts';
import { CONVERSATION_TOPIC_LABELS } from '../../conversation/domain/conversationTopic.ts';

/** Whose copy a transcript is: the customer's, or support's own with notes and assignments. */
export type TranscriptView = 'CUSTOMER' | 'OPERATOR';

/** How the customer's copy names the insurer's side, as the graph shows it to them: no staff ids. */
export const OPERATOR_AS_CUSTOMERS_SEE = 'Специалист поддержки';
export const AUTO_REPLY_AUTHOR = 'Автоматический ответ';
export const CUSTOMER_AUTHOR = 'Клиент';

/** One line of a transcript; times are already Moscow time. */
export interface TranscriptEntry {
  readonly at: string;
  /** A message of either side, an internal note (support's copy only), or what happened to the conversation. */
  readonly kind: 'MESSAGE' | 'INTERNAL_NOTE' | 'EVENT';
  /** Who wrote or did it, as this copy's reader may know them. */
  readonly who: string;
  readonly text: string;
}

export interface TranscriptReport {
  readonly view: TranscriptView;
  readonly title: string;
  readonly conversationId: string;
  readonly topic: string;
  /** Support's copy only: the policy or claim it is about, and whose conversation it is. */
  readonly subjectId: string | null;
  readonly customerId: string | null;
  readonly openedAt: string;
  /** When it was last closed, while it stays closed. */
  readonly closedAt: string | null;
  readonly status: string;
  /** «5 из 5» with the comment in quotes, when the customer rated it. */
  readonly rating: string | null;
  readonly generatedAt: string;
  readonly entries: readonly TranscriptEntry[];
}

const operator = (staffId: string) => `Оператор ${staffId}`;

function handOver(kind: AssignmentKind, data: { toOperatorId: string; byStaffId: string }): string {
  switch (kind) {
    case 'TAKE':
      return `${operator(data.toOperatorId)} взял обращение в работу`;
    case 'ASSIGN':
      return `Назначено оператору ${data.toOperatorId} (назначил ${data.byStaffId})`;
    case 'TRANSFER':
      return `Передано оператору ${data.toOperatorId} (передал ${data.byStaffId})`;
  }
}

/** The line an event makes in this copy, or null when it makes none (read receipts, hidden events). */
function entryOf(event: ConversationEvent, view: TranscriptView): TranscriptEntry | null {
  const at = formatMoscowDateTime(event.data.occurredAt);
  const support = view === 'OPERATOR';
  switch (event.type) {
    case 'ConversationOpened':
      return { at, kind: 'EVENT', who: CUSTOMER_AUTHOR, text: 'Обращение открыто' };
    case 'CustomerMessageSent':
      return { at, kind: 'MESSAGE', who: CUSTOMER_AUTHOR, text: event.data.text };
    case 'OperatorReplied':
      return {
        at,
        kind: 'MESSAGE',
        who: support ? operator(event.data.operatorId) : OPERATOR_AS_CUSTOMERS_SEE,
        text: event.data.text,
      };
    case 'InternalNoteAdded':
      return support
        ? { at, kind: 'INTERNAL_NOTE', who: operator(event.data.operatorId), text: event.data.text }
        : null;
    case 'AutoReplySent':
      return { at, kind: 'MESSAGE', who: AUTO_REPLY_AUTHOR, text: event.data.text };
    case 'ConversationAssigned':
      return support
        ? { at, kind: 'EVENT', who: 'Поддержка', text: handOver(event.data.kind, event.data) }
        : null;
    case 'ConversationClosed':
      return {
        at,
        kind: 'EVENT',
        who:
          event.data.side === 'CUSTOMER'
            ? CUSTOMER_AUTHOR
            : support
              ? operator(event.data.closedBy)
              : OPERATOR_AS_CUSTOMERS_SEE,
        text: 'Обращение закрыто',
      };
    case 'ConversationReopened':
      return { at, kind: 'EVENT', who: CUSTOMER_AUTHOR, text: 'Обращение открыто снова' };
    case 'ConversationRated':
      return { at, kind: 'EVENT', who: CUSTOMER_AUTHOR, text: `Оценка: ${ratingOf(event.data)}` };
    case 'AdjusterJoined':
      return {
        at,
        kind: 'EVENT',
        who: 'Поддержка',
        text: support
          ? `Подключён специалист по урегулированию ${event.data.adjusterId} по заявлению ${event.data.claimId} (пригласил ${event.data.byStaffId})`
          : 'К обращению подключён специалист по урегулированию убытков',
      };
    case 'AdjusterLeft':
      return {
        at,
        kind: 'EVENT',
        who: 'Поддержка',
        text: support
          ? `Специалист по урегулированию ${event.data.adjusterId} отключён (${event.data.byStaffId})`
          : 'Специалист по урегулированию убытков покинул обращение',
      };
    case 'MessagesRead':
      return null;
  }
}

function ratingOf(rating: { score: number; comment: string | null }): string {
  return rating.comment === null ? `${rating.score} из 5` : `${rating.score} из 5, «${rating.comment}»`;
}

/**
 * A conversation's transcript as one side may read it: the customer's copy has both sides' messages and
 * what happened to the conversation, never internal notes, assignments or staff ids; support's copy has
 * everything. The events come with their texts opened (or already reading as erased).
 */
export function conversationTranscript(
  events: readonly ConversationEvent[],
  view: TranscriptView,
  generatedAt: Date,
): TranscriptReport {
  const opening = events[0];
  if (opening?.type !== 'ConversationOpened') throw new Error('a transcript of a conversation never opened');
  let closedAt: string | null = null;
  let rating: string | null = null;
  for (const event of events) {
    if (event.type === 'ConversationClosed') closedAt = event.data.occurredAt;
    if (event.type === 'ConversationReopened') closedAt = null;
    if (event.type === 'ConversationRated') rating = ratingOf(event.data);
  }
  const support = view === 'OPERATOR';
  return {
    view,
    title: support ? 'Переписка с клиентом — служебная копия' : 'Переписка со службой поддержки',
    conversationId: opening.data.conversationId,
    topic: CONVERSATION_TOPIC_LABELS[opening.data.topic],
    subjectId: support ? opening.data.subjectId : null,
    customerId: support ? opening.data.customerId : null,
    openedAt: formatMoscowDateTime(opening.data.occurredAt),
    closedAt: closedAt === null ? null : formatMoscowDateTime(closedAt),
    status: closedAt === null ? 'Открыто' : 'Закрыто',
    rating,
    generatedAt: formatMoscowDateTime(generatedAt),
    entries: events.flatMap((event) => entryOf(event, view) ?? []),
  };
}
