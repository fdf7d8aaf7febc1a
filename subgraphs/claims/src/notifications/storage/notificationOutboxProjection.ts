import type { EventStore, RecordedEvent } from '@cabinet/platform/eventstore';
import type { Projection } from '@cabinet/platform/projections';
import { claimEventOf } from '../../claim/application/claimEventCodec.ts';
import { evolve } from '../../claim/domain/claimState.ts';
import { CLAIM_STREAM_CATEGORY } from '../../claim/domain/claimStreamId.ts';
import {
  stateBefore,
  statusChangeOf,
  type ClaimStatusChangeRecord,
} from '../../statusFeed/application/statusChange.ts';
import type { NotificationOutbox } from '@cabinet/platform/notifications';

/**
 * Fills the outbox with one entry per status change, due at once. Run by the projection runner with a stored
 * checkpoint; an event seen twice (a crash before the checkpoint was saved) finds its entry there.
 */
export function notificationOutboxProjection(
  outbox: NotificationOutbox<ClaimStatusChangeRecord>,
  events: EventStore,
  now: () => Date,
  onEnqueued: () => void,
): Projection {
  return {
    name: 'notification-outbox',
    categories: [CLAIM_STREAM_CATEGORY],
    async apply(event: RecordedEvent) {
      const before = await stateBefore(events, event);
      const after = evolve(before, claimEventOf(event));
      if (after.kind !== 'claim') return;
      const change = statusChangeOf(before, after, event);
      if (!change) return;
      const timing = { occurredAt: change.changedAt, dueAt: now() };
      if (await outbox.enqueue(change.eventId, change, timing)) onEnqueued();
    },
    // The outbox is the record of what was sent, not a view: a rebuild keeps it, so it re-sends nothing.
    async reset() {},
  };
}
