import type { RecordedEvent } from '@cabinet/platform/eventstore';
import type { NotificationOutbox } from '@cabinet/platform/notifications';
import type { Projection } from '@cabinet/platform/projections';
import { conversationEventOf } from '../../conversation/application/conversationEventCodec.ts';
import { CONVERSATION_CATEGORY } from '../../conversation/domain/conversationStreamId.ts';
import { unreadReplyNoticeDueAt } from '../../conversation/domain/unreadReplyNotice.ts';
import type { UnreadReplyNotice } from '../application/unreadReplyNotice.ts';

/**
 * Puts every operator reply into the outbox, due `noticeAfterMs` after it; internal notes and the
 * automatic after-hours reply never. The entry is keyed by the reply's event id, so an event seen
 * twice (a crash before the checkpoint was saved) is still one entry and one notice at most.
 */
export function unreadReplyOutboxProjection(
  outbox: NotificationOutbox<UnreadReplyNotice>,
  noticeAfterMs: number,
  onEnqueued: () => void,
): Projection {
  return {
    name: 'unread-reply-notices',
    categories: [CONVERSATION_CATEGORY],
    async apply(recorded: RecordedEvent) {
      const event = conversationEventOf(recorded);
      if (event.type !== 'OperatorReplied') return;
      const dueAt = unreadReplyNoticeDueAt(event.data.occurredAt, noticeAfterMs);
      const notice = {
        conversationId: event.data.conversationId,
        replyNumber: event.data.number,
        dueAt: dueAt.toISOString(),
      };
      if (await outbox.enqueue(recorded.id, notice, { occurredAt: event.data.occurredAt, dueAt }))
        onEnqueued();
    },
    // The outbox is the record of what was sent, not a view: a rebuild keeps it, so it re-sends nothing.
    async reset() {},
  };
}
