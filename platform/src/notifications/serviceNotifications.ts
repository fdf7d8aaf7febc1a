import type { DocumentStore } from '../documents/index.ts';
import type { EventStore } from '../eventstore/index.ts';
import type { Logger } from '../logging/index.ts';
import { runProjection, type ProjectionMonitor, type Projection } from '../projections/index.ts';
import { mailSenderFor } from './mailSender.ts';
import { NotificationDispatcher, runDispatcher, type OutgoingNotice } from './notificationDispatcher.ts';
import { createNotificationMetrics, type NotificationMetrics } from './notificationMetrics.ts';
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

export interface ServiceNotifications {
  /** The outbox backlog, enqueued and attempted counts, for the service's /metrics (every instance). */
  readonly metrics: NotificationMetrics;
  /**
   * Fills the outbox and sends from it, every write through `writes`: the store fenced with the
   * read-model leader's token, since only the instance leading the service's read models runs it.
   */
  run(writes: DocumentStore): Promise<RunningNotifications>;
}

export interface RunningNotifications {
  /** False while the projection filling the outbox is down (it restarts by itself). */
  readonly up: boolean;
  stop(): Promise<void>;
}

const ENTRY_LEASE_MS = 60_000;

/**
 * A service's notices: a projection with its own checkpoint fills the outbox, and a dispatcher sends
 * e-mail (SMTP, or .eml files under `<DATA_DIR>/mailbox` when no SMTP is configured) and push records
 * from it once each entry is due. Metrics read the outbox in every instance; `run` starts the work in
 * the one that leads.
 */
export async function openNotifications<Notice>(
  of: NotificationsOfService<Notice>,
): Promise<ServiceNotifications> {
  const { settings, stores, now, log } = of;
  const metrics = createNotificationMetrics(await NotificationOutbox.open<Notice>(stores.documents), now);
  return {
    metrics,
    async run(writes) {
      const outbox = await NotificationOutbox.open<Notice>(writes);
      const mail = mailSenderFor(settings, of.service);
      const dispatcher = new NotificationDispatcher<Notice>({
        outbox,
        mail,
        push: await PushMessages.open(writes),
        compose: of.compose,
        retry: {
          maxAttempts: settings.NOTIFICATION_MAX_ATTEMPTS,
          firstDelayMs: settings.NOTIFICATION_RETRY_MS,
          maxDelayMs: settings.NOTIFICATION_RETRY_MS * 2 ** 10,
        },
        leaseMs: ENTRY_LEASE_MS,
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
        writes,
        log,
        of.projections,
      );
      return {
        get up() {
          return projection.up;
        },
        async stop() {
          await projection.stop();
          await running.stop();
          mail.close();
        },
      };
    },
  };
}
