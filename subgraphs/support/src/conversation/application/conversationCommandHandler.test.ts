import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { commandFingerprint } from '@cabinet/kernel';
import { openEventStore, type EventStore } from '@cabinet/platform/eventstore';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ConversationCommand } from '../domain/conversationCommands.ts';
import { conversationStreamId } from '../domain/conversationStreamId.ts';
import { CONVERSATION_ID, MATRIX, RULES } from '../domain/testing/conversationSituations.ts';
import { ConversationCommandHandler, loadConversation } from './conversationCommandHandler.ts';

let directory: string;
let events: EventStore;
let handler: ConversationCommandHandler;

beforeEach(async () => {
  directory = await mkdtemp(join(tmpdir(), 'support-commands-'));
  events = await openEventStore({ sqliteFile: join(directory, 'events.sqlite') });
  handler = new ConversationCommandHandler(events, RULES);
});

afterEach(async () => {
  await events.close();
  await rm(directory, { recursive: true, force: true });
});

const recordedTypes = async () =>
  (await events.read(conversationStreamId(CONVERSATION_ID))).map((event) => event.type);

const run = (command: ConversationCommand, correlationId: string) =>
  handler.execute(CONVERSATION_ID, command, { correlationId });

describe('the conversation command handler', () => {
  it('gives two identical messages racing the same conversation, recorded once', async () => {
    await run(MATRIX.OpenConversation, 'open');
    await run(MATRIX.ReplyToConversation, 'reply');
    const send = MATRIX.SendCustomerMessage;

    const [first, second] = await Promise.all([run(send, 'request-1'), run(send, 'request-2')]);

    expect([first.appended.length, second.appended.length].sort()).toEqual([0, 2]);
    expect(second.conversation).toEqual(first.conversation);
    expect(second.history.map(({ id }) => id)).toEqual(first.history.map(({ id }) => id));
    expect(await recordedTypes()).toEqual([
      'ConversationOpened',
      'CustomerMessageSent',
      'AutoReplySent',
      'ConversationAssigned',
      'OperatorReplied',
      'CustomerMessageSent',
      'AutoReplySent',
    ]);
  });

  it('gives two identical reopenings racing, which only the first could do, recorded once and both answered', async () => {
    await run(MATRIX.OpenConversation, 'open');
    await run(MATRIX.ReplyToConversation, 'reply');
    await run(MATRIX.CloseConversation, 'close');
    const reopen = MATRIX.ReopenConversation;

    const [first, second] = await Promise.all([run(reopen, 'request-1'), run(reopen, 'request-2')]);

    expect([first.conversation.status, second.conversation.status]).toEqual(['OPEN', 'OPEN']);
    expect((await recordedTypes()).filter((type) => type === 'ConversationReopened')).toHaveLength(1);
  });

  it('records a retried command once and answers the retry with the conversation as the command left it', async () => {
    await run(MATRIX.OpenConversation, 'open');
    const first = await run(MATRIX.ReplyToConversation, 'request-1');
    await run(MATRIX.CloseConversation, 'close');

    const retried = await run(MATRIX.ReplyToConversation, 'request-2');

    expect(retried.appended).toEqual([]);
    expect(retried.conversation.status).toBe('OPEN');
    expect(retried.history.map(({ id }) => id)).toEqual(first.history.map(({ id }) => id));
    expect(await recordedTypes()).toEqual([
      'ConversationOpened',
      'CustomerMessageSent',
      'AutoReplySent',
      'ConversationAssigned',
      'OperatorReplied',
      'ConversationClosed',
    ]);
  });

  it('keeps the command and its request in the events’ metadata, and reads them back', async () => {
    await run(MATRIX.OpenConversation, 'open');
    await run(MATRIX.ReplyToConversation, 'request-1');

    const stored = await events.read(conversationStreamId(CONVERSATION_ID));
    const { commandId, fingerprint } = MATRIX.ReplyToConversation.metadata;
    expect(stored.slice(-2).map(({ metadata }) => metadata)).toEqual([
      expect.objectContaining({
        causationId: commandId,
        commandFingerprint: fingerprint,
        correlationId: 'request-1',
      }),
      expect.objectContaining({
        causationId: commandId,
        commandFingerprint: fingerprint,
        correlationId: 'request-1',
      }),
    ]);
    const { state } = await loadConversation(events, CONVERSATION_ID);
    expect(state.kind === 'conversation' && state.handledCommands).toEqual({
      [MATRIX.OpenConversation.metadata.commandId]: {
        type: 'OpenConversation',
        fingerprint: MATRIX.OpenConversation.metadata.fingerprint,
      },
      [commandId]: { type: 'ReplyToConversation', fingerprint },
    });
  });

  it('refuses a command id that comes back asking something else, and records nothing', async () => {
    await run(MATRIX.OpenConversation, 'open');
    const send = MATRIX.SendCustomerMessage;
    await run(send, 'request-1');
    const otherText = { ...send, text: 'Другой текст' } as ConversationCommand;
    const reused = {
      ...otherText,
      metadata: { ...send.metadata, fingerprint: commandFingerprint(send.type, { text: 'Другой текст' }) },
    };

    await expect(run(reused, 'request-2')).rejects.toMatchObject({ code: 'IDEMPOTENCY_KEY_REUSED' });
    expect(await recordedTypes()).toEqual([
      'ConversationOpened',
      'CustomerMessageSent',
      'AutoReplySent',
      'CustomerMessageSent',
    ]);
  });
});
