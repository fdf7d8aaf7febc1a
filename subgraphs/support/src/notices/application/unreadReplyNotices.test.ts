import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openDocumentStore, type DocumentStore } from '@cabinet/platform/documents';
import { openEventStore, type EventStore } from '@cabinet/platform/eventstore';
import { createLogger } from '@cabinet/platform/logging';
import { NotificationOutbox, PushMessages, type RunningNotifications } from '@cabinet/platform/notifications';
import { CustomerKeyVault } from '@cabinet/platform/privacy';
import { mailboxMessages } from '@cabinet/platform/testing';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { ConversationCommandHandler } from '../../conversation/application/conversationCommandHandler.ts';
import { sealConversationTexts } from '../../conversation/application/sealedConversationTexts.ts';
import type { ConversationCommand } from '../../conversation/domain/conversationCommands.ts';
import { conversationStreamId } from '../../conversation/domain/conversationStreamId.ts';
import type { SupportActor } from '../../conversation/domain/supportActor.ts';
import type { UnreadReplyNotice } from './unreadReplyNotice.ts';
import { openUnreadReplyNotices, type UnreadReplyNoticeSettings } from './unreadReplyNotices.ts';
import { CUSTOMER, CUSTOMER_ID, OPERATOR } from '../../conversation/domain/testing/supportActors.ts';

const EMAIL = 'ivanov@example.ru';
const NAME = 'Иван Сергеевич';
const MINUTE = 60_000;
const T0 = Date.parse('2026-03-02T09:00:00.000Z');
const log = createLogger('support-test', 'silent');

describe('notices of unread operator replies', () => {
  let directory: string;
  let raw: EventStore;
  let events: EventStore;
  let documents: DocumentStore;
  let handler: ConversationCommandHandler;
  let clock: Date;
  let running: RunningNotifications | undefined;
  const now = () => clock;
  const settings = (): UnreadReplyNoticeSettings => ({
    DATA_DIR: directory,
    SMTP_URL: undefined,
    MAIL_FROM: 'Страховая компания <no-reply@cabinet.example.ru>',
    CABINET_URL: 'https://lk.example.ru/',
    NOTIFICATION_MAX_ATTEMPTS: 3,
    NOTIFICATION_RETRY_MS: 1_000,
    NOTIFICATION_POLL_MS: 20,
    SUPPORT_UNREAD_NOTICE_AFTER: 15 * MINUTE,
  });
  const mailbox = () => join(directory, 'mailbox');
  const mails = () => mailboxMessages(mailbox());
  const outbox = () => NotificationOutbox.open<UnreadReplyNotice>(documents);
  const start = async () => {
    running = await (
      await openUnreadReplyNotices(settings(), { events, documents }, now, log)
    ).run(documents);
  };
  const stop = async () => {
    await running?.stop();
    running = undefined;
  };
  let commands = 0;
  const run = (conversationId: string, actor: SupportActor, command: Record<string, unknown>) => {
    commands += 1;
    return handler.execute(
      conversationId,
      {
        messageId: `m-${commands}`,
        ...command,
        metadata: { actor, now: clock, commandId: `command-${commands}`, fingerprint: `f-${commands}` },
      } as ConversationCommand,
      { correlationId: `c-${commands}` },
    );
  };
  const open = (conversationId: string, noticeEmail: string | null = EMAIL) =>
    run(conversationId, CUSTOMER, {
      type: 'OpenConversation',
      conversationId,
      autoReplyId: `auto-${conversationId}`,
      topic: 'GENERAL',
      subjectId: null,
      noticeEmail,
      noticeName: noticeEmail === null ? null : NAME,
      text: 'Как продлить полис? Мой телефон +79161234567',
    });
  const reply = (conversationId: string) =>
    run(conversationId, OPERATOR, { type: 'ReplyToConversation', text: 'Иван Петрович, продлим за день' });
  /** Moves the clock and waits until every notice due by then has been sent or dropped. */
  const passTo = async (minutes: number) => {
    clock = new Date(T0 + minutes * MINUTE);
    const { entries } = await outbox();
    const unsettled = { state: 'PENDING', dueFrom: { lte: clock.toISOString() } } as const;
    await vi.waitFor(async () => expect(await entries.count(unsettled)).toBe(0), { timeout: 10_000 });
  };
  const entriesOf = async (conversationId: string) =>
    (await (await outbox()).entries.find({ where: {}, first: 100 })).items.filter(
      (entry) => entry.data.notice.conversationId === conversationId,
    );

  beforeEach(async () => {
    directory = await mkdtemp(join(tmpdir(), 'support-notices-'));
    raw = await openEventStore({ sqliteFile: join(directory, 'events.sqlite') });
    documents = await openDocumentStore({
      database: 'support',
      sqliteFile: join(directory, 'documents.sqlite'),
    });
    const vault = await CustomerKeyVault.open(documents, now);
    events = sealConversationTexts(raw, vault);
    handler = new ConversationCommandHandler(events, {
      reopenWithinDays: 7,
      businessHours: 'ALWAYS',
    });
    clock = new Date(T0);
  });
  afterEach(async () => {
    await stop();
    await raw.close();
    await documents.close();
    await rm(directory, { recursive: true, force: true });
  });

  it('e-mails the verified address and records one push once a reply stays unread, with no text of the chat', async () => {
    const conversationId = 'a1b2c3d4-e5f6-4a7b-8c9d-0e1f2a3b4c5d';
    await open(conversationId);
    await start();
    await reply(conversationId);
    await vi.waitFor(async () => expect(await entriesOf(conversationId)).toHaveLength(1));

    await passTo(14);
    expect(await mails()).toEqual([]);

    await passTo(15);
    const [mail, ...more] = await mails();
    expect(more).toEqual([]);
    expect(mail?.to).toBe(EMAIL);
    expect(mail?.subject).toBe('Ответ службы поддержки');
    for (const part of [mail?.text, mail?.html]) {
      expect(part).toContain(`Здравствуйте, ${NAME}!`);
      expect(part).toContain('Оператор службы поддержки ответил на ваше обращение «Общий вопрос».');
    }
    expect(mail?.text).toContain(
      `Прочитать ответ можно в личном кабинете: https://lk.example.ru/support/${conversationId}`,
    );
    expect(mail?.html).toContain(`href="https://lk.example.ru/support/${conversationId}"`);
    expect(mail?.html).not.toContain('продлим за день');
    const pushes = await (await PushMessages.open(documents)).ofCustomer(CUSTOMER_ID);
    expect(pushes).toEqual([
      {
        customerId: CUSTOMER_ID,
        subjectId: conversationId,
        title: 'Ответ поддержки',
        body: 'Оператор ответил на ваше обращение «Общий вопрос»',
        link: `https://lk.example.ru/support/${conversationId}`,
        createdAt: new Date(T0).toISOString(),
      },
    ]);
    const stored = JSON.stringify((await (await outbox()).entries.find({ where: {}, first: 10 })).items);
    for (const secret of ['79161234567', 'Иван Петрович', EMAIL, NAME]) expect(stored).not.toContain(secret);
    const logged = JSON.stringify(
      (await raw.read(conversationStreamId(conversationId))).map((event) => event.data),
    );
    for (const secret of [EMAIL, NAME]) expect(logged).not.toContain(secret);
  });

  it('sends nothing for a reply the customer read in time, nor for an internal note', async () => {
    const conversationId = 'b2c3d4e5-f6a7-4b8c-9d0e-1f2a3b4c5d6e';
    await open(conversationId);
    await start();
    const { conversation } = await reply(conversationId);
    await run(conversationId, OPERATOR, { type: 'AddInternalNote', text: 'Клиент ждёт звонка' });
    clock = new Date(T0 + 5 * MINUTE);
    await run(conversationId, CUSTOMER, {
      type: 'MarkConversationRead',
      upToNumber: conversation.lastNumber,
    });
    await vi.waitFor(async () => expect(await entriesOf(conversationId)).toHaveLength(1));

    await passTo(60);

    expect(await mails()).toEqual([]);
    expect(await (await PushMessages.open(documents)).ofCustomer(CUSTOMER_ID)).toEqual([]);
    expect((await entriesOf(conversationId)).map((entry) => entry.data.state)).toEqual(['DROPPED']);
  });

  it('gives each unread reply one notice across a restart, and only a push without a verified e-mail', async () => {
    const conversationId = 'c3d4e5f6-a7b8-4c9d-8e1f-2a3b4c5d6e7f';
    await open(conversationId, null);
    await start();
    await reply(conversationId);
    await passTo(15);
    await stop();

    // The service restarts from its checkpoint: the same reply is not told again.
    await start();
    clock = new Date(T0 + 20 * MINUTE);
    await reply(conversationId);
    await vi.waitFor(async () => expect(await entriesOf(conversationId)).toHaveLength(2));
    await passTo(40);

    expect(await mails()).toEqual([]);
    expect(await (await PushMessages.open(documents)).ofCustomer(CUSTOMER_ID)).toHaveLength(2);
    expect((await entriesOf(conversationId)).map((entry) => entry.data)).toEqual([
      expect.objectContaining({ state: 'SENT', attempts: 1, emailed: false }),
      expect.objectContaining({ state: 'SENT', attempts: 1, emailed: false }),
    ]);
    expect(await raw.read(conversationStreamId(conversationId))).toHaveLength(5);
  });
});
