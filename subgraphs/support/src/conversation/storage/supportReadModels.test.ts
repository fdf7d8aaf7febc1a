import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openDocumentStore, type DocumentStore } from '@cabinet/platform/documents';
import { openEventStore, type EventStore } from '@cabinet/platform/eventstore';
import { createLogger } from '@cabinet/platform/logging';
import { rebuildProjection, runProjection } from '@cabinet/platform/projections';
import { registerMetricGroups } from '@cabinet/platform/metrics';
import { sample } from '@cabinet/platform/testing';
import { Registry } from 'prom-client';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createSupportMetrics } from '../application/supportMetrics.ts';
import { ConversationCommandHandler } from '../application/conversationCommandHandler.ts';
import type { ConversationCommand } from '../domain/conversationCommands.ts';
import type { SupportActor } from '../domain/supportActor.ts';
import { ERASED_MESSAGE_TEXT } from '../domain/erasedTexts.ts';
import { NOT_WAITING } from './conversationListRepository.ts';
import {
  eraseCustomerTexts,
  openSupportReadModels,
  supportProjections,
  type SupportReadModels,
} from './supportReadModels.ts';
import { CUSTOMER, CUSTOMER_ID, OPERATOR } from '../domain/testing/supportActors.ts';

const FIRST = '5a0b1c2d-3e4f-4a5b-8c6d-7e8f9a0b1c2d';
const SECOND = '6b1c2d3e-4f5a-4b6c-9d7e-8f9a0b1c2d3e';
const T0 = Date.parse('2026-03-02T09:00:00.000Z');
const at = (minutes: number) => new Date(T0 + minutes * 60_000);
const log = createLogger('support-test', 'silent');

let directory: string;
let events: EventStore;
let documents: DocumentStore;
let readModels: SupportReadModels;
let handler: ConversationCommandHandler;

beforeEach(async () => {
  directory = await mkdtemp(join(tmpdir(), 'support-read-models-'));
  events = await openEventStore({ sqliteFile: join(directory, 'events.sqlite') });
  documents = await openDocumentStore({
    database: 'support',
    sqliteFile: join(directory, 'documents.sqlite'),
  });
  readModels = await openSupportReadModels(documents);
  handler = new ConversationCommandHandler(events, {
    reopenWithinDays: 7,
    businessHours: 'ALWAYS',
  });
});

afterEach(async () => {
  await events.close();
  await documents.close();
  await rm(directory, { recursive: true, force: true });
});

let messages = 0;
function run(conversationId: string, actor: SupportActor, minutes: number, command: Record<string, unknown>) {
  messages += 1;
  return handler.execute(
    conversationId,
    {
      messageId: `m-${messages}`,
      ...command,
      metadata: { actor, now: at(minutes), commandId: `command-${messages}`, fingerprint: `f-${messages}` },
    } as ConversationCommand,
    { correlationId: `c-${messages}` },
  );
}

async function walkTwoConversations(): Promise<void> {
  const open = { type: 'OpenConversation', topic: 'GENERAL', subjectId: null, text: 'Здравствуйте' };
  await run(FIRST, CUSTOMER, 0, { ...open, conversationId: FIRST });
  await run(SECOND, CUSTOMER, 5, { ...open, conversationId: SECOND });
  await run(FIRST, CUSTOMER, 6, { type: 'SendCustomerMessage', text: 'Есть кто?' });
  await run(FIRST, OPERATOR, 10, { type: 'ReplyToConversation', text: 'Да, слушаю вас.' });
  await run(FIRST, OPERATOR, 11, { type: 'AddInternalNote', text: 'Клиент VIP' });
  await run(FIRST, OPERATOR, 12, { type: 'ReplyToConversation', text: 'Чем помочь?' });
}

async function project(models: SupportReadModels): Promise<void> {
  for (const projection of supportProjections(models)) {
    const running = await runProjection(projection, events, documents, log);
    await running.caughtUp();
    await running.stop();
  }
}

describe('the support read models', () => {
  it('show the customer their conversations, newest first, with the last visible message and unread replies', async () => {
    await walkTwoConversations();
    await project(readModels);
    const { page, totalCount } = await readModels.inbox.find({
      where: { customerId: CUSTOMER_ID },
      sort: { field: 'updatedAt', direction: 'desc' },
      first: 10,
    });
    expect(totalCount).toBe(2);
    const [first, second] = page.items.map((item) => item.data);
    expect(first).toMatchObject({
      conversationId: FIRST,
      lastNumber: 5,
      lastMessage: { number: 5, side: 'OPERATOR', text: 'Чем помочь?' },
      unreadReplyNumbers: [3, 5],
      assigneeId: 'e3c4d5e6-f7a8-4b92-acbd-2e3f4a5b6c7d',
      waitingSince: null,
      firstResponseAt: at(10).toISOString(),
    });
    expect(second).toMatchObject({ conversationId: SECOND, waitingSince: at(5).toISOString() });
  });

  it('order the operators’ queue by how long the oldest unanswered message has waited', async () => {
    await walkTwoConversations();
    await run(FIRST, CUSTOMER, 20, { type: 'SendCustomerMessage', text: 'Вопрос про оплату' });
    await run(FIRST, CUSTOMER, 21, { type: 'MarkConversationRead', upToNumber: 5 });
    await project(readModels);
    const { page } = await readModels.queue.find({
      where: { status: 'OPEN' },
      sort: { field: 'waitingOrder', direction: 'asc' },
      first: 10,
    });
    expect(page.items.map((item) => [item.id, item.data.waitingSince])).toEqual([
      [SECOND, at(5).toISOString()],
      [FIRST, at(20).toISOString()],
    ]);
    expect((await readModels.inbox.get(FIRST))?.unreadReplyNumbers).toEqual([]);
  });

  it('drop closed conversations from the waiting order and are rebuilt to the same rows', async () => {
    await walkTwoConversations();
    await run(SECOND, CUSTOMER, 30, { type: 'CloseConversation' });
    await project(readModels);
    const rows = async () => (await readModels.queue.collection.find({ first: 10 })).items;
    const before = await rows();
    expect(before.find((row) => row.id === SECOND)?.data).toMatchObject({
      status: 'CLOSED',
      waitingOrder: NOT_WAITING,
    });
    for (const projection of supportProjections(readModels))
      await rebuildProjection(projection, events, documents, log);
    expect((await rows()).map(({ id, data }) => ({ id, data }))).toEqual(
      before.map(({ id, data }) => ({ id, data })),
    );
  });

  it('give operations the queue length, the oldest wait and the time to a first reply', async () => {
    await walkTwoConversations();
    const metrics = createSupportMetrics(readModels.queue, () => at(65));
    for (const projection of supportProjections(readModels, metrics.summarized)) {
      const running = await runProjection(projection, events, documents, log);
      await running.caughtUp();
      await running.stop();
    }
    const registry = new Registry();
    registerMetricGroups(registry, [metrics]);
    const text = await registry.metrics();
    expect(sample(text, 'support_conversations_open')).toBe(2);
    // The second conversation has waited since minute 5; the first was answered at minute 10.
    expect(sample(text, 'support_queue_length')).toBe(1);
    expect(sample(text, 'support_queue_oldest_waiting_age_seconds')).toBe(60 * 60);
    expect(sample(text, 'support_first_response_seconds_count')).toBe(1);
    expect(sample(text, 'support_first_response_seconds_sum')).toBe(10 * 60);
  });

  it('give operations the time from opening to every closing', async () => {
    await walkTwoConversations();
    await run(FIRST, OPERATOR, 30, { type: 'CloseConversation' });
    await run(SECOND, CUSTOMER, 45, { type: 'CloseConversation' });
    await run(FIRST, CUSTOMER, 50, { type: 'ReopenConversation' });
    await run(FIRST, OPERATOR, 70, { type: 'CloseConversation' });
    const metrics = createSupportMetrics(readModels.queue, () => at(80));
    for (const projection of supportProjections(readModels, metrics.summarized)) {
      const running = await runProjection(projection, events, documents, log);
      await running.caughtUp();
      await running.stop();
    }
    const registry = new Registry();
    registerMetricGroups(registry, [metrics]);
    const text = await registry.metrics();
    // The first closed at minute 30 and, reopened, again at 70; the second (opened at 5) at 45.
    expect(sample(text, 'support_resolution_seconds_count')).toBe(3);
    expect(sample(text, 'support_resolution_seconds_sum')).toBe((30 + 40 + 70) * 60);
    expect(sample(text, 'support_resolution_seconds_bucket', { le: '3600' })).toBe(2);
    expect(sample(text, 'support_first_response_seconds_count')).toBe(1);
  });

  it('keep a customer’s erased texts erased when the erasure lands between a projection’s read and write', async () => {
    // Given the lists of a conversation whose last message is the customer's, and an operator's read
    // receipt not projected yet
    const open = {
      type: 'OpenConversation',
      topic: 'GENERAL',
      subjectId: null,
      text: 'Мой паспорт 4510 123456',
    };
    await run(FIRST, CUSTOMER, 0, { ...open, conversationId: FIRST });
    await project(readModels);
    await run(FIRST, OPERATOR, 1, { type: 'MarkConversationRead', upToNumber: 1 });

    // When the customer's consent is revoked and their texts erased just after the projection read the row
    let betweenReadAndWrite: (() => Promise<unknown>) | null = null;
    const erasingMidway: DocumentStore = {
      close: () => documents.close(),
      async collection<T>(spec: Parameters<DocumentStore['collection']>[0]) {
        const collection = await documents.collection<T>(spec);
        return new Proxy(collection, {
          get(target, property, receiver) {
            if (property !== 'get') return Reflect.get(target, property, receiver) as unknown;
            return async (id: string) => {
              const stored = await target.get(id);
              const erase = betweenReadAndWrite;
              betweenReadAndWrite = null;
              await erase?.();
              return stored;
            };
          },
        });
      },
    };
    const racing = await openSupportReadModels(erasingMidway);
    const erase = eraseCustomerTexts(racing);
    const lists = [racing.inbox, racing.queue];
    for (const [index, projection] of supportProjections(racing).entries()) {
      const list = lists[index]!;
      betweenReadAndWrite = () => erase(CUSTOMER_ID);
      const running = await runProjection(projection, events, documents, log);
      await running.caughtUp();
      await running.stop();
      expect(betweenReadAndWrite).toBeNull();

      // Then the row has the read receipt and still no text of the customer's
      expect(await list.get(FIRST)).toMatchObject({
        operatorReadUpTo: 1,
        lastMessage: { number: 1, side: 'CUSTOMER', text: ERASED_MESSAGE_TEXT },
      });
    }
  });
});
