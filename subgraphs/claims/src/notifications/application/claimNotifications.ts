import { join } from 'node:path';
import type { DocumentStore } from '@cabinet/platform/documents';
import type { EventStore } from '@cabinet/platform/eventstore';
import type { Logger } from '@cabinet/platform/logging';
import type { MetricGroup } from '@cabinet/platform/metrics';
import { runProjection, type ProjectionMonitor } from '@cabinet/platform/projections';
import type { CustomerKeyVault } from '@cabinet/platform/privacy';
import { noticeEmailOf } from './noticeEmails.ts';
import { mailboxMailSender, smtpMailSender } from './mailSender.ts';
import { NotificationDispatcher, runDispatcher } from './notificationDispatcher.ts';
import { createNotificationMetrics } from './notificationMetrics.ts';
import { NotificationOutbox } from '../storage/notificationOutbox.ts';
import { notificationOutboxProjection } from '../storage/notificationOutboxProjection.ts';
import { PushMessages } from '../storage/pushMessages.ts';

export interface NotificationSettings {
  readonly DATA_DIR: string;
  readonly SMTP_URL: string | undefined;
  readonly MAIL_FROM: string;
  readonly CABINET_URL: string;
  readonly NOTIFICATION_MAX_ATTEMPTS: number;
  readonly NOTIFICATION_RETRY_MS: number;
  readonly NOTIFICATION_POLL_MS: number;
}

/**
 * Status-change notifications: a projection with its own checkpoint fills the outbox, and a
 * dispatcher sends e-mail (SMTP, or .eml files under `<DATA_DIR>/mailbox` when no SMTP is configured)
 * and push records from it. `metrics` (the outbox backlog, enqueued and attempted counts) are for the
 * service's /metrics; `projections` watches the outbox projection's lag.
 */
export async function startClaimNotifications(
  settings: NotificationSettings,
  stores: { events: EventStore; documents: DocumentStore; vault: CustomerKeyVault },
  now: () => Date,
  log: Logger,
  projections?: ProjectionMonitor,
): Promise<{ readonly metrics: MetricGroup; stop(): Promise<void> }> {
  const { events, documents, vault } = stores;
  const outbox = await NotificationOutbox.open(documents);
  const metrics = createNotificationMetrics(outbox, now);
  const mail =
    settings.SMTP_URL === undefined
      ? mailboxMailSender(join(settings.DATA_DIR, 'mailbox'), settings.MAIL_FROM)
      : smtpMailSender(settings.SMTP_URL, settings.MAIL_FROM);
  const dispatcher = new NotificationDispatcher({
    outbox,
    mail,
    push: await PushMessages.open(documents),
    noticeEmail: (claimId) => noticeEmailOf(events, vault, claimId),
    cabinetUrl: settings.CABINET_URL,
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
    notificationOutboxProjection(outbox, events, now, enqueued),
    events,
    documents,
    log,
    projections,
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
