import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { isDomainError } from '@cabinet/kernel';
import { openDocumentStore, type DocumentStore } from '@cabinet/platform/documents';
import {
  EventTypeRegistry,
  openEventStore,
  typedEventStore,
  type EventStore,
} from '@cabinet/platform/eventstore';
import { createLogger } from '@cabinet/platform/logging';
import { CustomerKeyVault } from '@cabinet/platform/privacy';
import { runProjection } from '@cabinet/platform/projections';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ConversationCommand } from '../domain/conversationCommands.ts';
import { conversationStreamId } from '../domain/conversationStreamId.ts';
import { ERASED_MESSAGE_TEXT, ERASED_RATING_COMMENT } from '../domain/erasedTexts.ts';
import type { SupportActor } from '../domain/supportActor.ts';
import {
  eraseCustomerTexts,
  openSupportReadModels,
  supportProjections,
  type SupportReadModels,
} from '../storage/supportReadModels.ts';
import { ConversationCommandHandler } from './conversationCommandHandler.ts';
import { STORED_CONVERSATION_EVENT_TYPES } from './conversationEventTypes.ts';
import { sealConversationTexts } from './sealedConversationTexts.ts';
import { CUSTOMER, CUSTOMER_ID, OPERATOR } from '../domain/testing/supportActors.ts';

const CONVERSATION = '5a0b1c2d-3e4f-4a5b-8c6d-7e8f9a0b1c2d';
const T0 = Date.parse('2026-03-02T09:00:00.000Z');
const at = (minutes: number) => new Date(T0 + minutes * 60_000);
const log = createLogger('support-test', 'silent');

let directory: string;
let raw: EventStore;
let events: EventStore;
let documents: DocumentStore;
let vault: CustomerKeyVault;
let handler: ConversationCommandHandler;

beforeEach(async () => {
  directory = await mkdtemp(join(tmpdir(), 'support-sealed-texts-'));
  raw = await openEventStore({ sqliteFile: join(directory, 'events.sqlite') });
  documents = await openDocumentStore({
    database: 'support',
    sqliteFile: join(directory, 'documents.sqlite'),
  });
  vault = await CustomerKeyVault.open(documents, () => at(0));
  // Stacked as openSupportEvents stacks them: what is stored, sealed, is checked against its schema.
  events = sealConversationTexts(
    typedEventStore(raw, new EventTypeRegistry(STORED_CONVERSATION_EVENT_TYPES)),
    vault,
  );
  handler = new ConversationCommandHandler(events, {
    reopenWithinDays: 7,
    businessHours: 'ALWAYS',
  });
});

afterEach(async () => {
  await raw.close();
  await documents.close();
  await rm(directory, { recursive: true, force: true });
});

let commands = 0;
function run(actor: SupportActor, minutes: number, command: Record<string, unknown>) {
  commands += 1;
  return handler.execute(
    CONVERSATION,
    {
      messageId: `m-${commands}`,
      ...command,
      metadata: { actor, now: at(minutes), commandId: `command-${commands}`, fingerprint: `f-${commands}` },
    } as ConversationCommand,
    { correlationId: `c-${commands}` },
  );
}

async function walkConversation(): Promise<void> {
  await run(CUSTOMER, 0, {
    type: 'OpenConversation',
    conversationId: CONVERSATION,
    topic: 'GENERAL',
    subjectId: null,
    noticeEmail: 'ivanov@example.ru',
    noticeName: 'Иван Сергеевич',
    text: 'Мой телефон +79161234567',
  });
  await run(OPERATOR, 5, { type: 'ReplyToConversation', text: 'Здравствуйте, Иван Петрович' });
  await run(OPERATOR, 6, { type: 'AddInternalNote', text: 'Клиент живёт на ул. Ленина, 5' });
  await run(CUSTOMER, 8, { type: 'RateConversation', score: 5, comment: 'Спасибо, Мария!' });
}

const TEXTS = ['ivanov@example.ru', 'Иван Сергеевич', '79161234567', 'Иван Петрович', 'Ленина', 'Мария'];

async function refusal(action: Promise<unknown>): Promise<string> {
  const error = await action.then(
    () => null,
    (thrown: unknown) => thrown,
  );
  if (!isDomainError(error)) throw new Error(`expected a DomainError, got ${String(error)}`);
  return error.code;
}

async function project(readModels: SupportReadModels): Promise<void> {
  for (const projection of supportProjections(readModels)) {
    const running = await runProjection(projection, events, documents, log);
    await running.caughtUp();
    await running.stop();
  }
}

describe('sealed conversation texts', () => {
  it('keep the notice e-mail, the name it greets by and every free text of the conversation out of the log and read them back in plain', async () => {
    await walkConversation();

    const stored = JSON.stringify(
      (await raw.read(conversationStreamId(CONVERSATION))).map((event) => event.data),
    );
    for (const text of TEXTS) expect(stored).not.toContain(text);

    const read = (await events.read(conversationStreamId(CONVERSATION))).map((event) => event.data);
    expect(read).toEqual([
      expect.objectContaining({
        customerId: CUSTOMER_ID,
        noticeEmail: 'ivanov@example.ru',
        noticeName: 'Иван Сергеевич',
      }),
      expect.objectContaining({ number: 1, text: 'Мой телефон +79161234567' }),
      expect.objectContaining({ kind: 'TAKE' }),
      expect.objectContaining({ number: 2, text: 'Здравствуйте, Иван Петрович' }),
      expect.objectContaining({ number: 3, text: 'Клиент живёт на ул. Ленина, 5' }),
      expect.objectContaining({ score: 5, comment: 'Спасибо, Мария!' }),
    ]);
  });

  it('seal the names of attached files with the text, and read them as null once the key is destroyed', async () => {
    const attachment = {
      attachmentId: 'a1',
      contentType: 'application/pdf',
      sizeBytes: 2048,
      sha256: 'f'.repeat(64),
      fileName: 'паспорт Иванова.pdf',
    };
    await run(CUSTOMER, 0, {
      type: 'OpenConversation',
      conversationId: CONVERSATION,
      topic: 'GENERAL',
      subjectId: null,
      noticeEmail: null,
      text: 'Прилагаю скан',
      attachments: [attachment],
    });
    const stored = JSON.stringify(
      (await raw.read(conversationStreamId(CONVERSATION))).map((event) => event.data),
    );
    expect(stored).not.toContain('Иванова');
    expect(stored).toContain(attachment.sha256);
    const message = async () => (await events.read(conversationStreamId(CONVERSATION)))[1]!.data;
    expect(await message()).toMatchObject({ attachments: [attachment] });

    await vault.destroy(CUSTOMER_ID, 'revocation-1');
    expect(await message()).toMatchObject({
      text: ERASED_MESSAGE_TEXT,
      attachments: [{ ...attachment, fileName: null }],
    });
  });

  it('read as the placeholders once the customer’s key is destroyed, with numbers, authors and times kept', async () => {
    await walkConversation();
    const before = await events.read(conversationStreamId(CONVERSATION));

    await vault.destroy(CUSTOMER_ID, 'revocation-1');

    const after = await events.read(conversationStreamId(CONVERSATION));
    expect(after.map((event) => event.type)).toEqual(before.map((event) => event.type));
    const erased: Readonly<Record<string, object>> = {
      ConversationOpened: { noticeEmail: null, noticeName: null },
      CustomerMessageSent: { text: ERASED_MESSAGE_TEXT },
      OperatorReplied: { text: ERASED_MESSAGE_TEXT },
      InternalNoteAdded: { text: ERASED_MESSAGE_TEXT },
      ConversationRated: { comment: ERASED_RATING_COMMENT },
    };
    expect(after.map((event) => event.data)).toEqual(
      before.map((event) => ({ ...(event.data as object), ...erased[event.type] })),
    );
  });

  it('refuse an operator’s new text for a customer whose key is gone and record nothing', async () => {
    await walkConversation();
    await vault.destroy(CUSTOMER_ID, 'revocation-1');

    const refused = await refusal(run(OPERATOR, 9, { type: 'ReplyToConversation', text: 'Вы тут?' }));

    expect(refused).toBe('PERSONAL_DATA_ERASED');
    expect(await raw.read(conversationStreamId(CONVERSATION))).toHaveLength(6);
  });

  it('let a customer who consented again write under a new key while the old texts stay erased', async () => {
    await walkConversation();
    await vault.destroy(CUSTOMER_ID, 'revocation-1');
    await vault.consentGivenAgain(CUSTOMER_ID, 'consent-given-1');

    await run(CUSTOMER, 20, { type: 'SendCustomerMessage', text: 'Снова я, Иван' });

    const texts = (await events.read(conversationStreamId(CONVERSATION)))
      .filter((event) => event.type === 'CustomerMessageSent')
      .map((event) => (event.data as { text: string }).text);
    expect(texts).toEqual([ERASED_MESSAGE_TEXT, 'Снова я, Иван']);
  });

  it('let the lists drop the texts they keep of the customer, leaving the rest of the row', async () => {
    await walkConversation();
    const readModels = await openSupportReadModels(documents);
    await project(readModels);
    const before = await readModels.queue.get(CONVERSATION);
    expect(before?.lastMessage?.text).toBe('Здравствуйте, Иван Петрович');

    await vault.destroy(CUSTOMER_ID, 'revocation-1');
    expect(await eraseCustomerTexts(readModels)(CUSTOMER_ID)).toEqual({ inbox: 1, queue: 1 });

    for (const list of [readModels.inbox, readModels.queue]) {
      const row = await list.get(CONVERSATION);
      expect(row).toMatchObject({
        lastNumber: before?.lastNumber,
        lastMessage: { ...before?.lastMessage, text: ERASED_MESSAGE_TEXT },
        rating: { score: 5, comment: ERASED_RATING_COMMENT },
      });
      expect(JSON.stringify(row)).not.toMatch(/Иван|Мария|79161234567/);
    }
  });
});
