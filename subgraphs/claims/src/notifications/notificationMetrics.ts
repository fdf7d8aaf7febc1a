import { Counter, storeGauge, type MetricGroup } from '@cabinet/platform/metrics';
import type { AttemptOutcome } from './notificationDispatcher.ts';
import type { NotificationOutbox } from './notificationOutbox.ts';

export interface NotificationMetrics extends MetricGroup {
  readonly enqueued: () => void;
  readonly attempted: (outcome: AttemptOutcome) => void;
}

const OUTCOMES: readonly AttemptOutcome[] = ['sent', 'will_retry', 'gave_up'];

/**
 * The notification outbox as operations watch it: the backlog and its oldest entry read from the
 * outbox at scrape time, and counters of what the projection enqueued and the dispatcher attempted.
 */
export function createNotificationMetrics(outbox: NotificationOutbox, now: () => Date): NotificationMetrics {
  const pending = storeGauge({
    name: 'notification_outbox_pending',
    help: 'Status-change notifications waiting in the outbox to be sent (due now, backing off or being sent)',
    read: () => outbox.count('PENDING'),
  });
  const failed = storeGauge({
    name: 'notification_outbox_failed',
    help: 'Notifications the dispatcher gave up on after its last attempt',
    read: () => outbox.count('FAILED'),
  });
  const oldestAge = storeGauge({
    name: 'notification_outbox_oldest_pending_age_seconds',
    help: 'How long ago the oldest status change still waiting in the outbox happened; 0 when none waits',
    read: async () => {
      const oldest = await outbox.oldestPending();
      if (oldest === null) return 0;
      return Math.max(0, now().getTime() - Date.parse(oldest.change.changedAt)) / 1_000;
    },
  });
  const enqueued = new Counter({
    name: 'notification_outbox_enqueued_total',
    help: 'Status changes put into the outbox',
    registers: [],
  });
  const attempts = new Counter({
    name: 'notification_attempts_total',
    help: 'Attempts to send a notification, by outcome (sent, will_retry, gave_up)',
    labelNames: ['outcome'],
    registers: [],
  });
  for (const outcome of OUTCOMES) attempts.inc({ outcome }, 0);
  return {
    series: [pending, failed, oldestAge, enqueued, attempts],
    enqueued: () => enqueued.inc(),
    attempted: (outcome) => attempts.inc({ outcome }),
  };
}
