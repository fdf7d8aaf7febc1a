import { randomUUID } from 'node:crypto';
import { status } from '@grpc/grpc-js';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  AppendTooLarge,
  EventStoreAccessDenied,
  EventStoreUnavailable,
  StreamDeleted,
  type NewEvent,
  type SubscriptionMessage,
} from '../port.ts';
import { EventStoreDbEventStore } from './eventStoreDbEventStore.ts';
import { FakeEventStoreDb, type ServerFailure } from './testing/fakeEventStoreDb.ts';

const newEvent = (): NewEvent => ({
  id: randomUUID(),
  type: 'ThingHappened',
  data: {},
  metadata: { schemaVersion: 1, actor: 'system:test', correlationId: randomUUID(), causationId: null },
});

async function take(iterator: AsyncIterator<SubscriptionMessage>, count: number) {
  const taken: string[] = [];
  while (taken.length < count) {
    const next = await iterator.next();
    if (next.done === true) break;
    taken.push(next.value.kind === 'event' ? next.value.event.type : 'caughtUp');
  }
  return taken;
}

const subscription = (store: EventStoreDbEventStore, signal: AbortSignal) =>
  store.subscribe({ categories: ['thing'], signal })[Symbol.asyncIterator]();

/** The adapter on client 6.2.1's real code, against a gRPC server speaking EventStoreDB's protocol. */
describe('EventStoreDB adapter against a fake server', () => {
  let server: FakeEventStoreDb;
  let store: EventStoreDbEventStore;
  let abort: AbortController;

  beforeEach(async () => {
    abort = new AbortController();
    server = await FakeEventStoreDb.start();
  });
  afterEach(async () => {
    abort.abort();
    await store.close();
    await server.stop();
  });

  describe('a subscription that loses its connection', () => {
    it.each<{ case: string; failure: ServerFailure }>([
      { case: 'the server is unavailable', failure: { code: status.UNAVAILABLE } },
      { case: 'the server fails with UNKNOWN', failure: { code: status.UNKNOWN } },
    ])('reconnects through a failed discovery when $case', async ({ failure }) => {
      // Given a cluster subscription that has caught up
      store = new EventStoreDbEventStore({ connectionString: server.discoverUrl });
      server.record('thing-1', [{ type: 'Before' }]);
      const iterator = subscription(store, abort.signal);
      expect(await take(iterator, 2)).toEqual(['Before', 'caughtUp']);

      // When the server drops it, the next discovery fails, and an event is recorded meanwhile
      server.failGossip(1);
      server.dropSubscriptions(failure);
      server.record('thing-1', [{ type: 'After' }]);

      // Then the subscription comes back by itself and delivers it, nothing twice
      expect(await take(iterator, 1)).toEqual(['After']);
      expect(server.answered.subscriptions).toBeGreaterThanOrEqual(2);
    });

    it('ends with the port error when the server refuses access', async () => {
      store = new EventStoreDbEventStore({ connectionString: server.url });
      const iterator = subscription(store, abort.signal);
      await take(iterator, 1);

      server.dropSubscriptions({ code: status.PERMISSION_DENIED, exception: 'access-denied' });

      await expect(iterator.next()).rejects.toBeInstanceOf(EventStoreAccessDenied);
    });
  });

  describe('reading a category', () => {
    it('is a server-side filtered read, strictly after the position given', async () => {
      store = new EventStoreDbEventStore({ connectionString: server.url });
      server.record('other-1', [{ type: 'Other' }]);
      server.record('thing-1', [{ type: 'First' }, { type: 'Second' }]);
      server.record('things-1', [{ type: 'NotACategoryMatch' }]);
      server.record('thing-2', [{ type: 'Third' }]);

      const all = await store.readAll({ categories: ['thing'], maxCount: 10 });
      const rest = await store.readAll({ categories: ['thing'], maxCount: 1, after: all[0]?.position });

      expect(all.map((event) => event.type)).toEqual(['First', 'Second', 'Third']);
      expect(rest.map((event) => event.type)).toEqual(['Second']);
      // No unfiltered read of $all: the server filtered by stream-name prefix.
      expect(server.answered.reads).toBe(0);
    });

    it('knows the head of the log, and positions keep the one form', async () => {
      store = new EventStoreDbEventStore({ connectionString: server.url });
      expect(await store.headPosition()).toBeUndefined();
      server.record('other-1', [{ type: 'Other' }]);
      server.record('thing-1', [{ type: 'Last' }]);

      const head = await store.headPosition();
      const [last] = await store.readAll({ categories: ['thing'], maxCount: 1 });

      expect(head).toBe(last?.position);
      expect(head).toMatch(/^[0-9a-f]{32}$/);
    });
  });

  describe('append failures become the port errors', () => {
    it.each<{ case: string; failure: ServerFailure; expected: new (...args: never[]) => Error }>([
      {
        case: 'a deleted stream',
        failure: {
          code: status.FAILED_PRECONDITION,
          exception: 'stream-deleted',
          trailers: { 'stream-name': 'thing-1' },
        },
        expected: StreamDeleted,
      },
      {
        case: 'a follower that names the leader',
        failure: {
          code: status.NOT_FOUND,
          exception: 'not-leader',
          trailers: { 'leader-endpoint-host': '127.0.0.1', 'leader-endpoint-port': '1' },
        },
        expected: EventStoreUnavailable,
      },
      {
        case: 'an unavailable server',
        failure: { code: status.UNAVAILABLE },
        expected: EventStoreUnavailable,
      },
      {
        case: 'a batch over the maximum append size',
        failure: {
          code: status.INVALID_ARGUMENT,
          exception: 'maximum-append-size-exceeded',
          trailers: { 'maximum-append-size': '1048576' },
        },
        expected: AppendTooLarge,
      },
      {
        case: 'refused credentials',
        failure: { code: status.PERMISSION_DENIED, exception: 'access-denied' },
        expected: EventStoreAccessDenied,
      },
    ])('$case', async ({ failure, expected }) => {
      store = new EventStoreDbEventStore({ connectionString: server.url });
      server.failNextAppend(failure);

      await expect(store.append('thing-1', [newEvent()], { expectedRevision: 'any' })).rejects.toBeInstanceOf(
        expected,
      );
    });
  });
});
