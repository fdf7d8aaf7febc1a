import type { ConversationEvent } from './conversationEvents.ts';
import { foldConversation } from './conversationState.ts';

/**
 * What becomes of the notice of an operator's reply once it is due:
 * - NOTIFY: the customer has not read it: tell them there is a reply;
 * - READ: they read up to it (or wrote after it) before the notice went out;
 * - CLOSED_BY_CUSTOMER: they closed the conversation themselves after it: they are done with it;
 * - SUPERSEDED: the operator replied again after it: that reply's own notice tells of both, so a series
 *   of replies gets one notice;
 * - STALE: it has been due for more than a day (the service was down, or it first started over old
 *   replies): too late to be useful.
 * A close by the operator does not drop it: the answer the customer has not seen may be the last word.
 */
export type UnreadReplyNoticeDecision = 'NOTIFY' | 'READ' | 'CLOSED_BY_CUSTOMER' | 'SUPERSEDED' | 'STALE';

export const UNREAD_REPLY_NOTICE_STALE_AFTER_MS = 24 * 60 * 60_000;

/** When the notice of a reply is due: `noticeAfterMs` after the reply, if it is still unread then. */
export function unreadReplyNoticeDueAt(repliedAt: string, noticeAfterMs: number): Date {
  return new Date(Date.parse(repliedAt) + noticeAfterMs);
}

/** Decides the notice of the operator's reply numbered `replyNumber`, due at `dueAt`, from the whole conversation. */
export function decideUnreadReplyNotice(
  history: readonly ConversationEvent[],
  replyNumber: number,
  dueAt: Date,
  now: Date,
): UnreadReplyNoticeDecision {
  const conversation = foldConversation(history);
  if (conversation.kind === 'none' || conversation.customerReadUpTo >= replyNumber) return 'READ';
  const lastClose = history.findLast((event) => event.type === 'ConversationClosed');
  if (
    conversation.status === 'CLOSED' &&
    lastClose?.type === 'ConversationClosed' &&
    lastClose.data.side === 'CUSTOMER'
  )
    return 'CLOSED_BY_CUSTOMER';
  if (history.some((event) => event.type === 'OperatorReplied' && event.data.number > replyNumber))
    return 'SUPERSEDED';
  if (now.getTime() - dueAt.getTime() > UNREAD_REPLY_NOTICE_STALE_AFTER_MS) return 'STALE';
  return 'NOTIFY';
}
