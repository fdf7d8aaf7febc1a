import type { DocumentStore } from '@cabinet/platform/documents';
import type { EventStore } from '@cabinet/platform/eventstore';
import type { Logger } from '@cabinet/platform/logging';
import {
  openNotifications,
  type NotificationSettings,
  type OutgoingNotice,
  type ServiceNotifications,
} from '@cabinet/platform/notifications';
import type { ProjectionMonitor } from '@cabinet/platform/projections';
import { conversationEventOf } from '../../conversation/application/conversationEventCodec.ts';
import { loadConversation } from '../../conversation/application/conversationCommandHandler.ts';
import { decideUnreadReplyNotice } from '../../conversation/domain/unreadReplyNotice.ts';
import { unreadReplyOutboxProjection } from '../storage/unreadReplyOutboxProjection.ts';
import { replyNotification } from './replyNotification.ts';
import type { UnreadReplyNotice } from './unreadReplyNotice.ts';

export interface UnreadReplyNoticeSettings extends NotificationSettings {
  /** How long an operator's reply may stay unread before the customer is told of it, in milliseconds. */
  readonly SUPPORT_UNREAD_NOTICE_AFTER: number;
}

/**
 * The notice of an operator's reply, when it is due and the rule says the customer should get one: the
 * conversation is read again then, so a reply read (or superseded) in the meantime sends nothing. The
 * letter goes to the verified address kept sealed with the conversation's opening, greeting the customer
 * by the name sealed with it; no letter once the customer's key is destroyed or when they had no address.
 */
export async function noticeOfUnreadReply(
  events: EventStore,
  notice: UnreadReplyNotice,
  cabinetUrl: string,
  now: Date,
): Promise<OutgoingNotice | null> {
  const { state, history } = await loadConversation(events, notice.conversationId);
  const conversationEvents = history.map(conversationEventOf);
  const decision = decideUnreadReplyNotice(
    conversationEvents,
    notice.replyNumber,
    new Date(notice.dueAt),
    now,
  );
  if (decision !== 'NOTIFY' || state.kind === 'none') return null;
  const [opening] = conversationEvents;
  const recipient =
    opening?.type === 'ConversationOpened'
      ? { to: opening.data.noticeEmail ?? null, greetingName: opening.data.noticeName ?? null }
      : { to: null, greetingName: null };
  return replyNotification(state, cabinetUrl, recipient);
}

/**
 * Support's notices of unread replies, through the platform's outbox (once per reply, across restarts
 * and however many instances run: the read models' leader alone sends them).
 */
export function openUnreadReplyNotices(
  settings: UnreadReplyNoticeSettings,
  stores: { events: EventStore; documents: DocumentStore },
  now: () => Date,
  log: Logger,
  projections?: ProjectionMonitor,
): Promise<ServiceNotifications> {
  return openNotifications<UnreadReplyNotice>({
    service: 'support',
    settings,
    stores,
    fill: (outbox, onEnqueued) =>
      unreadReplyOutboxProjection(outbox, settings.SUPPORT_UNREAD_NOTICE_AFTER, onEnqueued),
    compose: (notice) => noticeOfUnreadReply(stores.events, notice, settings.CABINET_URL, now()),
    now,
    log,
    projections,
  });
}
