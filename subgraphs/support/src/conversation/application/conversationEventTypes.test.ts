import { randomUUID } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  EventTypeRegistry,
  InvalidStoredEvent,
  openEventStore,
  typedEventStore,
  type EventStore,
  type NewEvent,
} from '@cabinet/platform/eventstore';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { conversationStreamId } from '../domain/conversationStreamId.ts';
import { CUSTOMER_ID } from '../domain/testing/supportActors.ts';
import { conversationEventVersion, STORED_CONVERSATION_EVENT_TYPES } from './conversationEventTypes.ts';

const CONVERSATION = '5a0b1c2d-3e4f-4a5b-8c6d-7e8f9a0b1c2d';
const STREAM = conversationStreamId(CONVERSATION);
const occurredAt = '2026-03-02T09:00:00.000Z';

const stored = (type: string, schemaVersion: number, data: object): NewEvent => ({
  id: randomUUID(),
  type,
  data: { conversationId: CONVERSATION, occurredAt, ...data },
  metadata: { schemaVersion, actor: `customer:${CUSTOMER_ID}`, correlationId: 'c1', causationId: null },
});

let directory: string;
let raw: EventStore;
let events: EventStore;

beforeEach(async () => {
  directory = await mkdtemp(join(tmpdir(), 'support-event-types-'));
  raw = await openEventStore({ sqliteFile: join(directory, 'events.sqlite') });
  events = typedEventStore(raw, new EventTypeRegistry(STORED_CONVERSATION_EVENT_TYPES));
});

afterEach(async () => {
  await raw.close();
  await rm(directory, { recursive: true, force: true });
});

describe('conversation event types', () => {
  it('are written in version 2, the version that seals texts', () => {
    expect(conversationEventVersion('CustomerMessageSent')).toBe(2);
    expect(conversationEventVersion('ConversationAssigned')).toBe(2);
  });

  it('read a conversation recorded in version 1, its texts plain, as version 2', async () => {
    const opened = { customerId: CUSTOMER_ID, topic: 'GENERAL', subjectId: null };
    const message = { messageId: 'm-1', number: 1, text: 'Добрый день' };
    await raw.append(
      STREAM,
      [stored('ConversationOpened', 1, opened), stored('CustomerMessageSent', 1, message)],
      {
        expectedRevision: 'no_stream',
      },
    );

    const read = await events.read(STREAM);

    expect(read.map((event) => [event.metadata.schemaVersion, event.data])).toEqual([
      [2, expect.objectContaining(opened)],
      [2, expect.objectContaining(message)],
    ]);
  });

  it('fail loudly, naming stream and position, on a stored event that breaks its schema', async () => {
    await raw.append(STREAM, [stored('ConversationRated', 2, { score: 'отлично', comment: null })], {
      expectedRevision: 'no_stream',
    });

    const failure = await events.read(STREAM).catch((error: unknown) => error);

    expect(failure).toBeInstanceOf(InvalidStoredEvent);
    expect(failure).toMatchObject({
      stream: STREAM,
      revision: 0n,
      type: 'ConversationRated',
      schemaVersion: 2,
    });
    expect((failure as Error).message).toMatch(/score: /);
  });
});
