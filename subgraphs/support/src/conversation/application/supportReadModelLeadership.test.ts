import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openDocumentStore, type DocumentStore } from '@cabinet/platform/documents';
import { openEventStore, type EventStore } from '@cabinet/platform/eventstore';
import { holdReadModelsForRebuild, type ReadModelLeadership } from '@cabinet/platform/leases';
import { createLogger } from '@cabinet/platform/logging';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { ConversationCommand } from '../domain/conversationCommands.ts';
import { CUSTOMER } from '../domain/testing/supportActors.ts';
import {
  openSupportReadModels,
  SUPPORT_READ_MODELS,
  supportProjections,
  type SupportReadModels,
} from '../storage/supportReadModels.ts';
import { ConversationCommandHandler } from './conversationCommandHandler.ts';
import { leadSupportReadModels } from './supportReadModelLeadership.ts';

const FIRST = '5a0b1c2d-3e4f-4a5b-8c6d-7e8f9a0b1c2d';
const SECOND = '6b1c2d3e-4f5a-4b6c-9d7e-8f9a0b1c2d3e';
const T0 = new Date('2026-03-02T09:00:00.000Z');
const TIMING = { ttlMs: 30_000, renewEveryMs: 20 };
const log = createLogger('support-leadership-test', 'silent');

describe("support's read models with two instances on one store", () => {
  let directory: string;
  let events: EventStore;
  let documents: DocumentStore;
  let readModelDocuments: DocumentStore;
  let readModels: SupportReadModels;
  let handler: ConversationCommandHandler;
  const running: Promise<ReadModelLeadership>[] = [];
  /** The instances that ran the leader's other work (the notices), in the order they started it. */
  const noticesRunBy: string[] = [];

  beforeEach(async () => {
    directory = await mkdtemp(join(tmpdir(), 'support-leadership-'));
    events = await openEventStore({ sqliteFile: join(directory, 'events.sqlite') });
    documents = await openDocumentStore({
      database: 'support',
      sqliteFile: join(directory, 'documents.sqlite'),
    });
    readModelDocuments = await openDocumentStore({
      database: 'support',
      sqliteFile: join(directory, 'read-models.sqlite'),
    });
    readModels = await openSupportReadModels(readModelDocuments);
    handler = new ConversationCommandHandler(events, { reopenWithinDays: 7, businessHours: 'ALWAYS' });
  });

  afterEach(async () => {
    for (const leadership of running.splice(0)) await (await leadership).stop();
    noticesRunBy.splice(0);
    await events.close();
    await documents.close();
    await readModelDocuments.close();
    await rm(directory, { recursive: true, force: true });
  });

  /** An instance's leadership, stopped after the test. */
  function instance(name: string): Promise<ReadModelLeadership> {
    const leadership = start(name);
    running.push(leadership);
    return leadership;
  }

  function start(name: string): Promise<ReadModelLeadership> {
    return leadSupportReadModels(
      { events, documents, readModelDocuments },
      {
        now: () => T0,
        log,
        timing: TIMING,
        projections: (leading) => supportProjections(leading),
        alsoLead: () => {
          noticesRunBy.push(name);
          return Promise.resolve({ up: true, stop: () => Promise.resolve() });
        },
      },
    );
  }

  const openConversation = (conversationId: string) =>
    handler.execute(
      conversationId,
      {
        type: 'OpenConversation',
        conversationId,
        topic: 'GENERAL',
        subjectId: null,
        text: 'Здравствуйте',
        messageId: `m-${conversationId}`,
        metadata: {
          actor: CUSTOMER,
          now: T0,
          commandId: `command-${conversationId}`,
          fingerprint: `f-${conversationId}`,
        },
      } as ConversationCommand,
      { correlationId: `c-${conversationId}` },
    );

  it('lets one instance write the read models and run the notices while the other stands by, and hands both over when it stops', async () => {
    // Given a conversation, and two instances started one after the other
    await openConversation(FIRST);
    const first = await instance('first');
    const second = await instance('second');

    // Then the first leads: it has projected the conversation and alone runs the notices; the second stands by
    expect(first.token).toBe(1);
    expect(second.token).toBeUndefined();
    expect(await readModels.inbox.get(FIRST)).not.toBeNull();
    expect(noticesRunBy).toEqual(['first']);
    expect([first.up, second.up]).toEqual([true, true]);

    // When the first stops
    await first.stop();

    // Then the second takes the lead with a greater token, runs the notices and projects what comes next
    await vi.waitFor(() => expect(second.token).toBe(2), { timeout: 10_000 });
    await vi.waitFor(() => expect(noticesRunBy).toEqual(['first', 'second']), { timeout: 10_000 });
    await openConversation(SECOND);
    await vi.waitFor(async () => expect(await readModels.inbox.get(SECOND)).not.toBeNull(), {
      timeout: 10_000,
    });
  });

  it('refuses to start while a rebuild holds the read models in the same store as the command-line rebuild', async () => {
    await holdReadModelsForRebuild(documents, SUPPORT_READ_MODELS, 'a rebuild', () => T0);

    await expect(start('first')).rejects.toThrow('the read models are being rebuilt by a rebuild');
  });
});
