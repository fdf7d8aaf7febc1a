import type { EventStore } from '@cabinet/platform/eventstore';
import { outboxProjection, type NotificationOutbox } from '@cabinet/platform/notifications';
import type { Projection } from '@cabinet/platform/projections';
import { claimEventOf } from '../../claim/application/claimEventCodec.ts';
import { evolve } from '../../claim/domain/claimState.ts';
import { CLAIM_STREAM_CATEGORY } from '../../claim/domain/claimStreamId.ts';
import {
  stateBefore,
  statusChangeOf,
  type ClaimStatusChangeRecord,
} from '../../statusFeed/application/statusChange.ts';

/** Fills the outbox with one entry per status change, due at once. */
export function notificationOutboxProjection(
  outbox: NotificationOutbox<ClaimStatusChangeRecord>,
  events: EventStore,
  now: () => Date,
  onEnqueued: () => void,
): Projection {
  return outboxProjection({
    name: 'notification-outbox',
    categories: [CLAIM_STREAM_CATEGORY],
    outbox,
    onEnqueued,
    async noticeOf(event) {
      const before = await stateBefore(events, event);
      const after = evolve(before, claimEventOf(event));
      if (after.kind !== 'claim') return null;
      const change = statusChangeOf(before, after, event);
      return change && { notice: change, occurredAt: change.changedAt, dueAt: now() };
    },
  });
}
