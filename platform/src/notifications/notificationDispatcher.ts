import type { StoredDocument } from '../documents/index.ts';
import type { Logger } from '../logging/index.ts';
import type { MailSender } from './mailSender.ts';
import type { NotificationOutbox, OutboxEntry } from './notificationOutbox.ts';
import type { PushMessages } from './pushMessages.ts';
import { retryDelayMs, type RetryPolicy } from './retryBackoff.ts';

/** How one attempt ended: sent, dropped (nothing left to tell), failed with a retry scheduled, or failed for the last time. */
export type AttemptOutcome = 'sent' | 'dropped' | 'will_retry' | 'gave_up';

/**
 * What the customer is told, by push and by e-mail, in Russian. Composed when the notice is due, from
 * what the service keeps (sealed personal data opened then), and never stored in the outbox.
 */
export interface OutgoingNotice {
  readonly customerId: string;
  /** What it is about: a claim's or a conversation's id. */
  readonly subjectId: string;
  readonly link: string;
  readonly push: { readonly title: string; readonly body: string };
  readonly email: {
    /** The customer's verified e-mail, or null (none, or erased with their key): push only. */
    readonly to: string | null;
    readonly subject: string;
    readonly html: string;
    readonly text: string;
  };
}

export interface DispatcherOptions<Notice> {
  readonly outbox: NotificationOutbox<Notice>;
  readonly mail: MailSender;
  readonly push: PushMessages;
  /** The notice to give for an entry when it is due, or null when there is nothing left to tell. */
  readonly compose: (notice: Notice) => Promise<OutgoingNotice | null>;
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
 * Sends what the outbox holds when it is due: the push record, then the e-mail, then marks the entry
 * sent. Both sends are keyed by the entry id (push record id, e-mail file name and Message-ID), so an
 * attempt repeated after a crash between sending and marking delivers the same notice, not a second one.
 * Dispatchers sharing an outbox never send one entry twice: each takes an entry by compare-and-set on its
 * version and holds it again the same way right before sending, so one that paused past its lease finds
 * the entry taken by another and leaves it.
 */
export class NotificationDispatcher<Notice> {
  constructor(private readonly options: DispatcherOptions<Notice>) {}

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

  private async attempt(taken: StoredDocument<OutboxEntry<Notice>>): Promise<boolean> {
    const { outbox, mail, push, retry, now, log } = this.options;
    let entry = taken;
    try {
      const notice = await this.options.compose(entry.data.notice);
      if (notice === null) {
        await outbox.markDropped(entry, now());
        this.options.attempted?.('dropped');
        return false;
      }
      // Composing reads other stores and this process may have paused meanwhile: the entry is sent only
      // if it is still this dispatcher's, its lease renewed by compare-and-set right before the sends.
      const held = await outbox.hold(entry, new Date(now().getTime() + this.options.leaseMs));
      if (held === null) {
        log.warn({ notification: entry.id }, 'notification taken over by another dispatcher; not sending it');
        return false;
      }
      entry = held;
      await push.record(entry.id, {
        customerId: notice.customerId,
        subjectId: notice.subjectId,
        title: notice.push.title,
        body: notice.push.body,
        link: notice.link,
        createdAt: entry.data.occurredAt,
      });
      const { to, ...letter } = notice.email;
      if (to !== null) await mail.send({ id: entry.id, to, ...letter });
      if (!(await outbox.markSent(entry, now(), to !== null)))
        log.warn({ notification: entry.id }, 'notification sent after its lease ended');
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
export function runDispatcher<Notice>(
  dispatcher: NotificationDispatcher<Notice>,
  intervalMs: number,
  log: Logger,
) {
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
