import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { fencedWrites } from '../documents/fencedWrites.ts';
import type { DocumentStore } from '../documents/port.ts';
import { SqliteDocumentStore } from '../documents/sqlite/sqliteDocumentStore.ts';
import { createLogger } from '../logging/logger.ts';
import type { MailMessage, MailSender } from './mailSender.ts';
import { NotificationDispatcher, type OutgoingNotice } from './notificationDispatcher.ts';
import { NotificationOutbox } from './notificationOutbox.ts';
import { PushMessages } from './pushMessages.ts';

const log = createLogger('dispatcher-test', 'silent');
const T0 = new Date('2026-11-25T10:00:00Z');
const LEASE_MS = 60_000;
const ENTRIES = ['5b0f6f64-0d3c-4a56-9a0e-3d2b7c1e0a01', '5b0f6f64-0d3c-4a56-9a0e-3d2b7c1e0a02'];

interface Notice {
  readonly customerId: string;
}

function noticeFor(notice: Notice): OutgoingNotice {
  return {
    customerId: notice.customerId,
    subjectId: notice.customerId,
    link: 'https://lk.example.ru/',
    push: { title: 'Заявление', body: 'Статус изменился' },
    email: { to: 'ivanov@example.ru', subject: 'Заявление', html: '<p>Статус</p>', text: 'Статус' },
  };
}

/** The customer's mailbox: every message any dispatcher handed to a mail sender. */
function mailbox() {
  const sent: MailMessage[] = [];
  const sender: MailSender = {
    send: (message) => Promise.resolve(void sent.push(message)),
    close: () => undefined,
  };
  return { sent, sender };
}

/** Opens when `open()` is called; tells when something started waiting on it. */
function gate() {
  let open: () => void = () => undefined;
  let reached: () => void = () => undefined;
  const opened = new Promise<void>((resolve) => (open = resolve));
  const waiting = new Promise<void>((resolve) => (reached = resolve));
  return {
    open: () => open(),
    waiting,
    pass: () => {
      reached();
      return opened;
    },
  };
}

describe('two notification dispatchers on one outbox', () => {
  let dir: string;
  let documents: DocumentStore;
  let clock: Date;
  const now = () => clock;

  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'dispatchers-'));
    documents = new SqliteDocumentStore({ file: join(dir, 'documents.sqlite') });
    clock = T0;
    const outbox = await NotificationOutbox.open<Notice>(documents);
    for (const id of ENTRIES)
      await outbox.enqueue(id, { customerId: id }, { occurredAt: T0.toISOString(), dueAt: T0 });
  });

  afterEach(async () => {
    await documents.close();
    await rm(dir, { recursive: true, force: true });
  });

  async function dispatcher(
    store: DocumentStore,
    mail: MailSender,
    compose: (notice: Notice) => Promise<OutgoingNotice | null>,
  ) {
    return new NotificationDispatcher<Notice>({
      outbox: await NotificationOutbox.open<Notice>(store),
      mail,
      push: await PushMessages.open(store),
      compose,
      retry: { maxAttempts: 3, firstDelayMs: 1_000, maxDelayMs: 8_000 },
      leaseMs: LEASE_MS,
      now,
      log,
    });
  }

  const sentOnce = (sent: readonly MailMessage[]) =>
    expect(sent.map((message) => message.id).sort()).toEqual([...ENTRIES].sort());

  it('sends each due entry once when both pass over it at the same time', async () => {
    const { sent, sender } = mailbox();
    const compose = (notice: Notice) => Promise.resolve(noticeFor(notice));
    const [one, two] = [
      await dispatcher(documents, sender, compose),
      await dispatcher(documents, sender, compose),
    ];

    const counts = await Promise.all([one.dispatchDue(), two.dispatchDue()]);

    sentOnce(sent);
    expect(counts[0] + counts[1]).toBe(ENTRIES.length);
  });

  it('sends an entry once when the dispatcher that took it paused past its lease and another sent it', async () => {
    // Given a dispatcher that takes the first entry and pauses while composing it
    const { sent, sender } = mailbox();
    const paused = gate();
    const pausing = await dispatcher(documents, sender, async (notice) => {
      if (notice.customerId === ENTRIES[0]) await paused.pass();
      return noticeFor(notice);
    });
    const pausedPass = pausing.dispatchDue();
    await paused.waiting;

    // When its lease lapses, another dispatcher sends everything due, and then the first one resumes
    clock = new Date(T0.getTime() + LEASE_MS + 1);
    const other = await dispatcher(documents, sender, (notice) => Promise.resolve(noticeFor(notice)));
    expect(await other.dispatchDue()).toBe(ENTRIES.length);
    paused.open();

    // Then the resumed one sends nothing: every entry went out once
    expect(await pausedPass).toBe(0);
    sentOnce(sent);
    const outbox = await NotificationOutbox.open<Notice>(documents);
    expect((await outbox.get(ENTRIES[0] ?? ''))?.state).toBe('SENT');
  });

  it("sends nothing from a former leader's dispatcher once a newer leader took its entry", async () => {
    // Given the read-model leader's dispatcher (fenced writes, token 1) paused composing the first entry
    const { sent, sender } = mailbox();
    const paused = gate();
    const former = await dispatcher(fencedWrites(documents, 1), sender, async (notice) => {
      if (notice.customerId === ENTRIES[0]) await paused.pass();
      return noticeFor(notice);
    });
    const formerPass = former.dispatchDue();
    await paused.waiting;

    // When a newer leader (token 2) sends what is due after the entry's lease, and the former one resumes
    clock = new Date(T0.getTime() + LEASE_MS + 1);
    const successor = await dispatcher(fencedWrites(documents, 2), sender, (notice) =>
      Promise.resolve(noticeFor(notice)),
    );
    expect(await successor.dispatchDue()).toBe(ENTRIES.length);
    paused.open();

    // Then the former leader's writes are refused and nothing goes out twice
    expect(await formerPass).toBe(0);
    sentOnce(sent);
  });
});
