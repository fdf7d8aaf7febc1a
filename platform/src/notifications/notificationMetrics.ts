import { Counter, storeGauge, type MetricGroup } from '../metrics/index.ts';
import type { AttemptOutcome } from './notificationDispatcher.ts';
import type { NotificationOutbox } from './notificationOutbox.ts';

export interface NotificationMetrics extends MetricGroup {
  readonly enqueued: () => void;
  readonly attempted: (outcome: AttemptOutcome) => void;
}

const OUTCOMES: readonly AttemptOutcome[] = ['sent', 'dropped', 'will_retry', 'gave_up'];

/**
 * The notification outbox as operations watch it: the backlog and its longest-due entry read from the
 * outbox at scrape time, and counters of what was enqueued and what the dispatcher attempted.
 */
export function createNotificationMetrics<Notice>(
  outbox: NotificationOutbox<Notice>,
  now: () => Date,
): NotificationMetrics {
  const pending = storeGauge({
    name: 'notification_outbox_pending',
    help: 'Notifications waiting in the outbox (not due yet, due now, backing off or being sent)',
    read: () => outbox.count('PENDING'),
  });
  const failed = storeGauge({
    name: 'notification_outbox_failed',
    help: 'Notifications the dispatcher gave up on after its last attempt',
    read: () => outbox.count('FAILED'),
  });
  const oldestAge = storeGauge({
    name: 'notification_outbox_oldest_pending_age_seconds',
    help: 'How long the notification due longest has been waiting to be sent; 0 when none is due',
    read: async () => {
      const oldest = await outbox.longestDue(now());
      if (oldest === null) return 0;
      return Math.max(0, now().getTime() - Date.parse(oldest.dueFrom)) / 1_000;
    },
  });
  const enqueued = new Counter({
    name: 'notification_outbox_enqueued_total',
    help: 'Notifications put into the outbox',
    registers: [],
  });
  const attempts = new Counter({
    name: 'notification_attempts_total',
    help: 'Attempts to send a notification, by outcome (sent, dropped as nothing was left to tell, will_retry, gave_up)',
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
