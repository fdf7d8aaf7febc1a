import type { RecordedEvent } from '../eventstore/index.ts';
import type { Projection } from '../projections/index.ts';
import type { NotificationOutbox } from './notificationOutbox.ts';

/** What one event puts into the outbox: its notice, when it happened and when the notice falls due. */
export interface NoticeOfEvent<Notice> {
  readonly notice: Notice;
  readonly occurredAt: string;
  readonly dueAt: Date;
}

/**
 * The projection that fills a service's outbox: each event `noticeOf` finds worth telling becomes one
 * entry keyed by the event's id, so an event seen twice (a crash before the checkpoint was saved) is
 * still one entry and one notice at most. Run by the projection runner with a stored checkpoint.
 */
export function outboxProjection<Notice>(spec: {
  readonly name: string;
  readonly categories: readonly string[];
  readonly outbox: NotificationOutbox<Notice>;
  readonly noticeOf: (
    event: RecordedEvent,
  ) => NoticeOfEvent<Notice> | null | Promise<NoticeOfEvent<Notice> | null>;
  readonly onEnqueued: () => void;
}): Projection {
  return {
    name: spec.name,
    categories: [...spec.categories],
    async apply(event: RecordedEvent) {
      const found = await spec.noticeOf(event);
      if (found && (await spec.outbox.enqueue(event.id, found.notice, found))) spec.onEnqueued();
    },
    // The outbox is the record of what was sent, not a view: a rebuild keeps it, so it re-sends nothing.
    async reset() {},
  };
}
