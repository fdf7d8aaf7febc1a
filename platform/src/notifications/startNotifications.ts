import type { DocumentStore } from '../documents/index.ts';
import type { EventStore } from '../eventstore/index.ts';
import type { Logger } from '../logging/index.ts';
import type { MetricGroup } from '../metrics/index.ts';
import { runProjection, type ProjectionMonitor, type Projection } from '../projections/index.ts';
import { mailSenderFor } from './mailSender.ts';
import { NotificationDispatcher, runDispatcher, type OutgoingNotice } from './notificationDispatcher.ts';
import { createNotificationMetrics } from './notificationMetrics.ts';
import { NotificationOutbox } from './notificationOutbox.ts';
import type { NotificationSettings } from './notificationSettings.ts';
import { PushMessages } from './pushMessages.ts';

export interface NotificationsOfService<Notice> {
  /** The service sending them (in the e-mails' Message-IDs and client spans). */
  readonly service: string;
  readonly settings: NotificationSettings;
  readonly stores: { readonly events: EventStore; readonly documents: DocumentStore };
  /** The projection that puts the service's events into the outbox, calling `onEnqueued` for each new entry. */
  readonly fill: (outbox: NotificationOutbox<Notice>, onEnqueued: () => void) => Projection;
  /** The notice for an entry when it is due, or null when there is nothing left to tell. */
  readonly compose: (notice: Notice) => Promise<OutgoingNotice | null>;
  readonly now: () => Date;
  readonly log: Logger;
  readonly projections?: ProjectionMonitor | undefined;
}

export interface RunningNotifications {
  /** The outbox backlog, enqueued and attempted counts, for the service's /metrics. */
  readonly metrics: MetricGroup;
  stop(): Promise<void>;
}

/**
 * A service's notices: a projection with its own checkpoint fills the outbox, and a dispatcher sends
 * e-mail (SMTP, or .eml files under `<DATA_DIR>/mailbox` when no SMTP is configured) and push records
 * from it once each entry is due.
 */
export async function startNotifications<Notice>(
  of: NotificationsOfService<Notice>,
): Promise<RunningNotifications> {
  const { settings, stores, now, log } = of;
  const outbox = await NotificationOutbox.open<Notice>(stores.documents);
  const metrics = createNotificationMetrics(outbox, now);
  const mail = mailSenderFor(settings, of.service);
  const dispatcher = new NotificationDispatcher<Notice>({
    outbox,
    mail,
    push: await PushMessages.open(stores.documents),
    compose: of.compose,
    retry: {
      maxAttempts: settings.NOTIFICATION_MAX_ATTEMPTS,
      firstDelayMs: settings.NOTIFICATION_RETRY_MS,
      maxDelayMs: settings.NOTIFICATION_RETRY_MS * 2 ** 10,
    },
    leaseMs: 60_000,
    now,
    log,
    attempted: metrics.attempted,
  });
  const running = runDispatcher(dispatcher, settings.NOTIFICATION_POLL_MS, log);
  const enqueued = () => {
    metrics.enqueued();
    running.wake();
  };
  const projection = await runProjection(
    of.fill(outbox, enqueued),
    stores.events,
    stores.documents,
    log,
    of.projections,
  );
  return {
    metrics,
    async stop() {
      await projection.stop();
      await running.stop();
      mail.close();
    },
  };
}
