import { outboxProjection, type NotificationOutbox } from '@cabinet/platform/notifications';
import type { Projection } from '@cabinet/platform/projections';
import { conversationEventOf } from '../../conversation/application/conversationEventCodec.ts';
import { CONVERSATION_CATEGORY } from '../../conversation/domain/conversationStreamId.ts';
import { unreadReplyNoticeDueAt } from '../../conversation/domain/unreadReplyNotice.ts';
import type { UnreadReplyNotice } from '../application/unreadReplyNotice.ts';

/**
 * Puts every operator reply into the outbox, due `noticeAfterMs` after it; internal notes and the
 * automatic after-hours reply never.
 */
export function unreadReplyOutboxProjection(
  outbox: NotificationOutbox<UnreadReplyNotice>,
  noticeAfterMs: number,
  onEnqueued: () => void,
): Projection {
  return outboxProjection({
    name: 'unread-reply-notices',
    categories: [CONVERSATION_CATEGORY],
    outbox,
    onEnqueued,
    noticeOf(recorded) {
      const event = conversationEventOf(recorded);
      if (event.type !== 'OperatorReplied') return null;
      const dueAt = unreadReplyNoticeDueAt(event.data.occurredAt, noticeAfterMs);
      const notice = {
        conversationId: event.data.conversationId,
        replyNumber: event.data.number,
        dueAt: dueAt.toISOString(),
      };
      return { notice, occurredAt: event.data.occurredAt, dueAt };
    },
  });
}
