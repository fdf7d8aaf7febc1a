import type { StoredDocument } from '@cabinet/platform/documents';
import type { Logger } from '@cabinet/platform/logging';
import type { MailSender } from './mailSender.ts';
import type { NotificationOutbox, OutboxEntry } from '../storage/notificationOutbox.ts';
import type { PushMessages } from '../storage/pushMessages.ts';
import { retryDelayMs, type RetryPolicy } from './retryBackoff.ts';
import { statusNotificationText } from './statusNotification.ts';

/** How one attempt ended: sent, failed with a retry scheduled, or failed for the last time. */
export type AttemptOutcome = 'sent' | 'will_retry' | 'gave_up';

export interface DispatcherOptions {
  readonly outbox: NotificationOutbox;
  readonly mail: MailSender;
  readonly push: PushMessages;
  /** Where a claim's notices are e-mailed, or null (no verified e-mail, or erased). */
  readonly noticeEmail: (claimId: string) => Promise<string | null>;
  readonly cabinetUrl: string;
  readonly retry: RetryPolicy;
  /** How long a taken entry stays with this dispatcher before another may retry it. */
  readonly leaseMs: number;
  readonly now: () => Date;
  readonly log: Logger;
  /** Told how each attempt ended (the notification metrics). */
  readonly attempted?: (outcome: AttemptOutcome) => void;
}

const BATCH = 50;

/**
 * Sends what the outbox holds: the push record, then the e-mail, then marks the entry sent. Both
 * sends are keyed by the entry id (push record id, e-mail file name and Message-ID), so an attempt
 * repeated after a crash between sending and marking delivers the same notification, not a second one.
 */
export class NotificationDispatcher {
  constructor(private readonly options: DispatcherOptions) {}

  /** One pass over the due entries; returns how many were sent. */
  async dispatchDue(): Promise<number> {
    const { outbox, now } = this.options;
    let sent = 0;
    for (const entry of await outbox.due(now(), BATCH)) {
      const taken = await outbox.take(entry, new Date(now().getTime() + this.options.leaseMs));
      if (taken && (await this.attempt(taken))) sent += 1;
    }
    return sent;
  }

  private async attempt(entry: StoredDocument<OutboxEntry>): Promise<boolean> {
    const { outbox, mail, push, retry, now, log } = this.options;
    const { change } = entry.data;
    const notice = statusNotificationText(change, this.options.cabinetUrl);
    try {
      await push.record(entry.id, {
        customerId: change.customerId,
        claimId: change.claimId,
        title: notice.pushTitle,
        body: notice.pushBody,
        link: notice.link,
        createdAt: change.changedAt,
      });
      const to = await this.options.noticeEmail(change.claimId);
      if (to !== null) await mail.send({ id: entry.id, to, subject: notice.subject, text: notice.text });
      await outbox.markSent(entry, now(), to !== null);
      this.options.attempted?.('sent');
      return true;
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      const attempts = entry.data.attempts;
      const retryAt =
        attempts >= retry.maxAttempts ? null : new Date(now().getTime() + retryDelayMs(retry, attempts));
      log.warn({ err: error, notification: entry.id, attempts, retryAt }, 'notification not sent');
      await outbox.markFailed(entry, message, retryAt);
      this.options.attempted?.(retryAt === null ? 'gave_up' : 'will_retry');
      return false;
    }
  }
}

/** Runs the dispatcher every `intervalMs` and whenever `wake()` is called, until stopped. */
export function runDispatcher(dispatcher: NotificationDispatcher, intervalMs: number, log: Logger) {
  let stopped = false;
  // A wake-up that comes while a pass runs is remembered, so the next pass starts at once.
  let woken = false;
  let wakeUp: () => void = () => undefined;
  const loop = (async () => {
    while (!stopped) {
      woken = false;
      try {
        await dispatcher.dispatchDue();
      } catch (error) {
        log.error({ err: error }, 'notification dispatch failed');
      }
      if (woken) continue;
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, intervalMs);
        wakeUp = () => {
          clearTimeout(timer);
          resolve();
        };
      });
    }
  })();
  const wake = () => {
    woken = true;
    wakeUp();
  };
  return {
    wake,
    async stop() {
      stopped = true;
      wake();
      await loop;
    },
  };
}
