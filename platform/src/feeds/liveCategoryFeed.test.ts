import { randomUUID } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { EventStore, NewEvent, RecordedEvent, SubscribeOptions } from '../eventstore/port.ts';
import { SqliteEventStore } from '../eventstore/sqlite/sqliteEventStore.ts';
import { createLogger } from '../logging/logger.ts';
import { LiveCategoryFeed } from './liveCategoryFeed.ts';

const log = createLogger('live-feed-test', 'silent');
const event = (type: string): NewEvent => ({
  id: randomUUID(),
  type,
  data: {},
  metadata: { schemaVersion: 1, actor: 'system:test', correlationId: randomUUID(), causationId: null },
});

describe('live category feed', () => {
  let dir: string;
  let events: SqliteEventStore;

  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'live-feed-'));
    events = new SqliteEventStore({ file: join(dir, 'events.sqlite') });
  });
  afterEach(async () => {
    await events.close();
    await rm(dir, { recursive: true, force: true });
  });

  it('starts at the head of the log: nothing recorded before is read, what follows is delivered', async () => {
    // Given a log with a long past, in the feed's category and others
    for (let i = 0; i < 20; i += 1) {
      await events.append(`thing-${i}`, [event('Past'), event('Past')], { expectedRevision: 'no_stream' });
    }
    await events.append('other-1', [event('Elsewhere')], { expectedRevision: 'no_stream' });
    const head = await events.headPosition();
    const subscribedAfter: (string | undefined)[] = [];
    const read: RecordedEvent[] = [];
    const watched: EventStore = Object.assign(Object.create(events) as EventStore, {
      async *subscribe(options: SubscribeOptions = {}) {
        subscribedAfter.push(options.after);
        for await (const message of events.subscribe(options)) {
          if (message.kind === 'event') read.push(message.event);
          yield message;
        }
      },
    });

    // When the feed starts and then an event of its category is recorded
    const delivered: string[] = [];
    let arrived: () => void = () => undefined;
    const live = new Promise<void>((resolve) => (arrived = resolve));
    const feed = await LiveCategoryFeed.start({
      events: watched,
      category: 'thing',
      log,
      name: 'test feed',
      prepare: (recorded) => recorded.type,
      deliver: (_recorded, type) => {
        delivered.push(type);
        arrived();
      },
    });
    const startedAt = feed.position;
    await events.append('thing-0', [event('Live')], { expectedRevision: 1n });
    await live;
    await feed.stop();

    // Then it subscribed after the head, read only the live event, and handed it on
    expect(startedAt).toBe(head);
    expect(subscribedAfter).toEqual([head]);
    expect(read.map((recorded) => recorded.type)).toEqual(['Live']);
    expect(delivered).toEqual(['Live']);
  });
});
