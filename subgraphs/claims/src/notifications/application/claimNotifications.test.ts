import { randomUUID } from 'node:crypto';
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openDocumentStore, type DocumentStore } from '@cabinet/platform/documents';
import { openEventStore, type EventStore, type RecordedEvent } from '@cabinet/platform/eventstore';
import { createLogger } from '@cabinet/platform/logging';
import { registerMetricGroups } from '@cabinet/platform/metrics';
import { Registry } from 'prom-client';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { mailboxMessages, readEml, sample } from '@cabinet/platform/testing';
import { ClaimCommandHandler } from '../../claim/application/claimCommandHandler.ts';
import { withoutActivity } from '../../claim/application/claimActivity.ts';
import type { ClaimCommand } from '../../claim/domain/claimCommands.ts';
import { claimStreamId } from '../../claim/domain/claimStreamId.ts';
import {
  CLAIM_ID,
  CLAIM_NUMBER,
  CUSTOMER,
  RULES,
  SUPERVISOR,
  command,
  submitClaim,
} from '../../claim/domain/testing/claimFixtures.ts';
import { CustomerKeyVault } from '@cabinet/platform/privacy';
import {
  createNotificationMetrics,
  mailboxMailSender,
  NotificationDispatcher,
  NotificationOutbox,
  PushMessages,
  type AttemptOutcome,
  type MailSender,
  type NotificationSettings,
} from '@cabinet/platform/notifications';
import type { ClaimStatusChangeRecord } from '../../statusFeed/application/statusChange.ts';
import { openClaimNotifications } from './claimNotifications.ts';
import { claimLetterFactsOf } from './claimLetterFacts.ts';
import { statusNotification } from './statusNotification.ts';
import { notificationOutboxProjection } from '../storage/notificationOutboxProjection.ts';

const log = createLogger('claims-test', 'silent');
/** The customer's Gosuslugi-verified e-mail, and a contact e-mail typed into the claim that nobody confirmed. */
const EMAIL = 'ivanov@example.ru';
const TYPED_EMAIL = 'stranger@example.com';
const NAME = 'Иван Иванович';
const SENDER = { from: 'no-reply@cabinet.example.ru', service: 'claims' };

describe('status change notifications', () => {
  let dataDir: string;
  let events: EventStore;
  let documents: DocumentStore;
  let vault: CustomerKeyVault;
  let handler: ClaimCommandHandler;
  let clock: Date;
  const now = () => clock;
  const settings = (): NotificationSettings => ({
    DATA_DIR: dataDir,
    SMTP_URL: undefined,
    MAIL_FROM: 'Страховая компания <no-reply@cabinet.example.ru>',
    CABINET_URL: 'https://lk.example.ru/',
    NOTIFICATION_MAX_ATTEMPTS: 3,
    NOTIFICATION_RETRY_MS: 1_000,
    NOTIFICATION_POLL_MS: 20,
  });
  const mailbox = () => join(dataDir, 'mailbox');
  const mailFiles = async () =>
    (await readdir(mailbox()).catch(() => [] as string[])).filter((f) => f.endsWith('.eml'));
  const run = (claimCommand: ClaimCommand) =>
    handler.execute(CLAIM_ID, claimCommand, { correlationId: randomUUID() });
  const claimEvents = () => events.read(claimStreamId(CLAIM_ID));
  const startNotifications = async () =>
    (await openClaimNotifications(settings(), { events, documents, vault }, now, log)).run(documents);

  beforeEach(async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'claims-notifications-'));
    events = await openEventStore({ sqliteFile: join(dataDir, 'events.sqlite') });
    documents = await openDocumentStore({
      database: 'claims',
      sqliteFile: join(dataDir, 'documents.sqlite'),
    });
    vault = await CustomerKeyVault.open(documents, now);
    handler = new ClaimCommandHandler(events, vault, RULES, withoutActivity);
    clock = new Date('2026-04-13T09:00:00Z');
    await run(
      submitClaim({
        contact: { phone: '+79001234567', email: TYPED_EMAIL },
        noticeEmail: EMAIL,
        noticeName: NAME,
      }),
    );
  });
  afterEach(async () => {
    await events.close();
    await documents.close();
    await rm(dataDir, { recursive: true, force: true });
  });

  it('sends one Russian e-mail and one push record per status change, across a restart in the middle', async () => {
    // Given a claim submitted and accepted while notifications were running
    let notifications = await startNotifications();
    await run(command('AcceptClaim', {}, SUPERVISOR));
    await vi.waitFor(async () => expect(await mailFiles()).toHaveLength(2));
    await notifications.stop();

    // When the service is down while the claim moves on, and then starts again
    await run(
      command(
        'AssignClaim',
        {
          adjusterId: 'adjuster-1',
          registered: { staffId: 'adjuster-1', fullName: 'Петров Пётр Петрович', roles: ['adjuster'] },
        },
        SUPERVISOR,
      ),
    );
    await run(command('StartClaimWork', {}, SUPERVISOR));
    notifications = await startNotifications();
    await vi.waitFor(async () => expect(await mailFiles()).toHaveLength(3));
    await notifications.stop();

    // Then each status change was told exactly once (assigning moved no status)
    const recorded = await claimEvents();
    const changeIds = [recorded[0], recorded[1], recorded[3]].map((event) => `${event?.id}.eml`);
    expect((await mailFiles()).sort()).toEqual([...changeIds].sort());
    const accepted = await readEml(await readFile(join(mailbox(), changeIds[1] ?? ''), 'utf8'));
    expect(accepted.to).toBe(EMAIL);
    for (const file of await mailFiles()) {
      expect((await readEml(await readFile(join(mailbox(), file), 'utf8'))).to).toBe(EMAIL);
    }
    expect(accepted.subject).toBe(`Заявление ${CLAIM_NUMBER}: Принято`);
    for (const part of [accepted.text, accepted.html]) {
      expect(part).toContain(`Здравствуйте, ${NAME}!`);
      expect(part).toContain(`Статус вашего заявления № ${CLAIM_NUMBER} изменился: «Принято».`);
    }
    expect(accepted.text).toContain(
      `Подробности в личном кабинете: https://lk.example.ru/claims/${CLAIM_ID}`,
    );
    expect(accepted.html).toContain(`href="https://lk.example.ru/claims/${CLAIM_ID}"`);
    const pushes = await (await PushMessages.open(documents)).ofCustomer('customer-1');
    expect(pushes.map((push) => push.body).sort()).toEqual(
      ['Новый статус: «Подано»', 'Новый статус: «Принято»', 'Новый статус: «В работе»'].sort(),
    );
  });

  it('names the requested documents in the letter of that change only, and the sum in the letter of the payout', async () => {
    // Given a claim taken from acceptance to a payout, with documents asked for on the way
    const request = 'Справка из ГИБДД <script>alert(1)</script> и фото повреждений';
    await run(command('AcceptClaim', {}, SUPERVISOR));
    await run(
      command(
        'AssignClaim',
        {
          adjusterId: 'adjuster-1',
          registered: { staffId: 'adjuster-1', fullName: 'Петров Пётр Петрович', roles: ['adjuster'] },
        },
        SUPERVISOR,
      ),
    );
    await run(command('StartClaimWork', {}, SUPERVISOR));
    await run(command('RequestClaimDocuments', { message: request }, SUPERVISOR));
    await run(
      command(
        'ProvideClaimDocuments',
        {
          documents: [
            {
              documentId: 'document-2',
              fileName: 'справка.pdf',
              contentType: 'application/pdf',
              sizeBytes: 1_000,
              sha256: 'b'.repeat(64),
            },
          ],
        },
        CUSTOMER,
      ),
    );
    await run(command('ApproveClaim', { amountKopecks: 1_234_567 }, SUPERVISOR));
    await run(command('MarkClaimReadyForPayout', {}, SUPERVISOR));
    await run(command('PayOutClaim', { paymentReference: 'PP-1' }, SUPERVISOR));

    // When every status change has been told
    const outbox = await NotificationOutbox.open<ClaimStatusChangeRecord>(documents);
    const projection = notificationOutboxProjection(outbox, events, now, () => undefined);
    for (const event of await claimEvents()) await projection.apply(event);
    await (await dispatcherWith(outbox, mailboxMailSender(mailbox(), SENDER))).dispatchDue();

    // Then one letter per change, each greeting the customer by name in both parts
    const letters = await mailboxMessages(mailbox());
    const bySubject = (status: string) => letters.filter((letter) => letter.subject.endsWith(`: ${status}`));
    expect(letters.map((letter) => letter.subject.replace(`Заявление ${CLAIM_NUMBER}: `, '')).sort()).toEqual(
      [
        'Подано',
        'Принято',
        'В работе',
        'Требуются документы',
        'В работе',
        'Готово к выдаче',
        'Завершено (Выплачено)',
      ].sort(),
    );
    for (const letter of letters) {
      expect(letter.text).toContain(`Здравствуйте, ${NAME}!`);
      expect(letter.html).toContain(`Здравствуйте, ${NAME}!`);
    }
    // The request, word for word in the text and escaped in the HTML, in its own letter only
    const [documentsLetter] = bySubject('Требуются документы');
    expect(documentsLetter?.text).toContain(`Какие документы нужны:\n${request}`);
    expect(documentsLetter?.html).toContain(
      'Справка из ГИБДД &lt;script&gt;alert(1)&lt;/script&gt; и фото повреждений',
    );
    expect(documentsLetter?.html).not.toContain('<script>');
    const others = letters.filter((letter) => letter !== documentsLetter);
    for (const letter of others) expect(letter.text).not.toContain('Справка из ГИБДД');
    // The sum paid, in the payout's letter only
    const [paidLetter] = bySubject('Завершено (Выплачено)');
    const sum = '12\u202f345,67\u00a0₽';
    expect(paidLetter?.text).toContain(`Сумма выплаты: ${sum}.`);
    expect(paidLetter?.html).toContain(`Сумма выплаты: <strong>${sum}</strong>.`);
    for (const letter of letters.filter((letter) => letter !== paidLetter))
      expect(letter.text).not.toContain('Сумма выплаты');
  });

  it('keeps one outbox entry and one notice when the same event is delivered twice', async () => {
    const outbox = await NotificationOutbox.open<ClaimStatusChangeRecord>(documents);
    const projection = notificationOutboxProjection(outbox, events, now, () => undefined);
    const [submittedEvent] = (await claimEvents()) as [RecordedEvent];

    await projection.apply(submittedEvent);
    await projection.apply(submittedEvent);

    expect(await outbox.entries.count()).toBe(1);
    const dispatcher = await dispatcherWith(outbox, mailboxMailSender(mailbox(), SENDER));
    expect(await dispatcher.dispatchDue()).toBe(1);
    expect(await dispatcher.dispatchDue()).toBe(0);
    expect(await mailFiles()).toEqual([`${submittedEvent.id}.eml`]);
    expect(await outbox.get(submittedEvent.id)).toMatchObject({ state: 'SENT', attempts: 1, emailed: true });
  });

  it('retries a failed send after an exponentially growing delay, without a second notice', async () => {
    const outbox = await NotificationOutbox.open<ClaimStatusChangeRecord>(documents);
    const [submittedEvent] = (await claimEvents()) as [RecordedEvent];
    await notificationOutboxProjection(outbox, events, now, () => undefined).apply(submittedEvent);
    const mailboxSender = mailboxMailSender(mailbox(), SENDER);
    let failuresLeft = 2;
    const flaky: MailSender = {
      // The message is written before the failure: the relay took it but the answer was lost.
      async send(message) {
        await mailboxSender.send(message);
        if (failuresLeft-- > 0) throw new Error('SMTP 421: try again later');
      },
      close: () => undefined,
    };
    const dispatcher = await dispatcherWith(outbox, flaky);
    const start = clock.getTime();

    expect(await dispatcher.dispatchDue()).toBe(0);
    expect(await outbox.get(submittedEvent.id)).toMatchObject({
      state: 'PENDING',
      attempts: 1,
      dueAt: new Date(start + 1_000).toISOString(),
      lastError: 'SMTP 421: try again later',
    });
    expect(await dispatcher.dispatchDue()).toBe(0);

    clock = new Date(start + 1_000);
    expect(await dispatcher.dispatchDue()).toBe(0);
    expect(await outbox.get(submittedEvent.id)).toMatchObject({
      attempts: 2,
      dueAt: new Date(start + 3_000).toISOString(),
    });

    clock = new Date(start + 3_000);
    expect(await dispatcher.dispatchDue()).toBe(1);
    expect(await outbox.get(submittedEvent.id)).toMatchObject({
      state: 'SENT',
      attempts: 3,
      lastError: null,
    });
    expect(await mailFiles()).toEqual([`${submittedEvent.id}.eml`]);
    expect(await (await PushMessages.open(documents)).ofCustomer('customer-1')).toHaveLength(1);
  });

  it('gives up after the last attempt and keeps the entry as failed', async () => {
    const outbox = await NotificationOutbox.open<ClaimStatusChangeRecord>(documents);
    const [submittedEvent] = (await claimEvents()) as [RecordedEvent];
    await notificationOutboxProjection(outbox, events, now, () => undefined).apply(submittedEvent);
    const broken: MailSender = {
      send: () => Promise.reject(new Error('SMTP 550: mailbox unavailable')),
      close: () => undefined,
    };
    const outcomes: AttemptOutcome[] = [];
    const dispatcher = await dispatcherWith(outbox, broken, (outcome) => outcomes.push(outcome));
    for (let attempt = 0; attempt < 3; attempt++) {
      await dispatcher.dispatchDue();
      clock = new Date(clock.getTime() + 60_000);
    }
    expect(await outbox.get(submittedEvent.id)).toMatchObject({ state: 'FAILED', attempts: 3 });
    expect(await dispatcher.dispatchDue()).toBe(0);
    expect(outcomes).toEqual(['will_retry', 'will_retry', 'gave_up']);
  });

  it('shows the backlog, the age of its oldest change and each attempt on the metrics page', async () => {
    // Given the submitted claim's status change in the outbox, a minute after it happened
    const outbox = await NotificationOutbox.open<ClaimStatusChangeRecord>(documents);
    const [submittedEvent] = (await claimEvents()) as [RecordedEvent];
    const metrics = createNotificationMetrics(outbox, now);
    const registry = new Registry();
    registerMetricGroups(registry, [metrics]);
    await notificationOutboxProjection(outbox, events, now, metrics.enqueued).apply(submittedEvent);
    const changedAt = Date.parse((await outbox.get(submittedEvent.id))?.occurredAt ?? '');
    clock = new Date(changedAt + 60_000);
    const scrape = async (name: string, labels: Record<string, string> = {}) =>
      sample(await registry.metrics(), name, labels);
    expect(await scrape('notification_outbox_enqueued_total')).toBe(1);
    expect(await scrape('notification_outbox_pending')).toBe(1);
    expect(await scrape('notification_outbox_oldest_pending_age_seconds')).toBe(60);

    // When the first attempt fails and the retry succeeds
    let failuresLeft = 1;
    const mailboxSender = mailboxMailSender(mailbox(), SENDER);
    const flaky: MailSender = {
      async send(message) {
        if (failuresLeft-- > 0) throw new Error('SMTP 421: try again later');
        await mailboxSender.send(message);
      },
      close: () => undefined,
    };
    const dispatcher = await dispatcherWith(outbox, flaky, metrics.attempted);
    await dispatcher.dispatchDue();
    expect(await scrape('notification_attempts_total', { outcome: 'will_retry' })).toBe(1);
    expect(await scrape('notification_outbox_pending')).toBe(1);
    clock = new Date(clock.getTime() + 1_000);
    await dispatcher.dispatchDue();

    // Then nothing waits any more, and the attempts are counted by outcome
    expect(await scrape('notification_outbox_pending')).toBe(0);
    expect(await scrape('notification_outbox_oldest_pending_age_seconds')).toBe(0);
    expect(await scrape('notification_outbox_failed')).toBe(0);
    expect(await scrape('notification_attempts_total', { outcome: 'sent' })).toBe(1);
    expect(await scrape('notification_attempts_total', { outcome: 'gave_up' })).toBe(0);
  });

  it('sends no e-mail once the customer key is destroyed, only the push record', async () => {
    await vault.destroy('customer-1');
    const outbox = await NotificationOutbox.open<ClaimStatusChangeRecord>(documents);
    const [submittedEvent] = (await claimEvents()) as [RecordedEvent];
    expect(
      await claimLetterFactsOf(events, vault, {
        claimId: CLAIM_ID,
        eventId: submittedEvent.id,
        status: 'SUBMITTED',
        resolution: null,
      }),
    ).toEqual({ to: null, greetingName: null, requestedDocuments: null, payoutKopecks: null });
    await notificationOutboxProjection(outbox, events, now, () => undefined).apply(submittedEvent);

    expect(await (await dispatcherWith(outbox, mailboxMailSender(mailbox(), SENDER))).dispatchDue()).toBe(1);

    expect(await mailFiles()).toEqual([]);
    expect(await outbox.get(submittedEvent.id)).toMatchObject({ state: 'SENT', emailed: false });
    expect(await (await PushMessages.open(documents)).ofCustomer('customer-1')).toHaveLength(1);
  });

  it('never e-mails the contact address typed into a claim: without a verified e-mail only the push goes out', async () => {
    const claimId = randomUUID();
    await handler.execute(
      claimId,
      submitClaim({ claimId, contact: { phone: null, email: TYPED_EMAIL }, noticeEmail: null }),
      { correlationId: randomUUID() },
    );
    const outbox = await NotificationOutbox.open<ClaimStatusChangeRecord>(documents);
    const [submittedEvent] = (await events.read(claimStreamId(claimId))) as [RecordedEvent];
    await notificationOutboxProjection(outbox, events, now, () => undefined).apply(submittedEvent);

    expect(await (await dispatcherWith(outbox, mailboxMailSender(mailbox(), SENDER))).dispatchDue()).toBe(1);

    expect(await mailFiles()).toEqual([]);
    expect(await outbox.get(submittedEvent.id)).toMatchObject({ state: 'SENT', emailed: false });
  });

  async function dispatcherWith(
    outbox: NotificationOutbox<ClaimStatusChangeRecord>,
    mail: MailSender,
    attempted?: (outcome: AttemptOutcome) => void,
  ) {
    return new NotificationDispatcher({
      outbox,
      mail,
      push: await PushMessages.open(documents),
      compose: async (change) =>
        statusNotification(change, 'https://lk.example.ru/', await claimLetterFactsOf(events, vault, change)),
      retry: { maxAttempts: 3, firstDelayMs: 1_000, maxDelayMs: 60_000 },
      leaseMs: 30_000,
      now,
      log,
      ...(attempted ? { attempted } : {}),
    });
  }
});
