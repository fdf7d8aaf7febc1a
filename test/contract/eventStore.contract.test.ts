import { afterAll, afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DomainError } from '@cabinet/kernel';
import type {
  EventStore,
  ExpectedRevision,
  RecordedEvent,
  SubscribeOptions,
  SubscriptionMessage,
} from '@cabinet/platform/eventstore';
import {
  EventTypeRegistry,
  InvalidNewEvent,
  InvalidStoredEvent,
  typedEventStore,
  WrongExpectedRevision,
} from '@cabinet/platform/eventstore';
import { z } from 'zod';
import { eventStoreAdapters, freshCategory, newEvent } from './support/eventStoreAdapters.ts';

for (const adapter of eventStoreAdapters()) {
  describe.runIf(adapter.available)(`${adapter.title}: event store contract`, () => {
    let store: EventStore;
    let category: string;
    const stream = (name: string) => `${category}-${name}`;

    beforeEach(async () => {
      store = await adapter.open();
      category = freshCategory();
    });
    afterEach(() => store.close());
    afterAll(() => adapter.cleanUp());

    async function conflictOf(promise: Promise<unknown>): Promise<WrongExpectedRevision> {
      const error: unknown = await promise.then(
        () => undefined,
        (rejection: unknown) => rejection,
      );
      expect(error).toBeInstanceOf(WrongExpectedRevision);
      return error as WrongExpectedRevision;
    }

    async function nextMessages(
      iterator: AsyncIterator<SubscriptionMessage>,
      count: number,
    ): Promise<SubscriptionMessage[]> {
      const messages: SubscriptionMessage[] = [];
      while (messages.length < count) {
        const next = await iterator.next();
        if (next.done === true) break;
        messages.push(next.value);
      }
      return messages;
    }

    const subscription = (from: EventStore, options: SubscribeOptions) =>
      from.subscribe(options)[Symbol.asyncIterator]();
    const eventIds = (events: readonly RecordedEvent[]) => events.map((event) => event.id);

    describe('append with an expected revision', () => {
      it.each<{ case: string; existing: number; expected: ExpectedRevision; actual: bigint | 'no_stream' }>([
        { case: 'no_stream on an existing stream', existing: 2, expected: 'no_stream', actual: 1n },
        {
          case: 'stream_exists on a missing stream',
          existing: 0,
          expected: 'stream_exists',
          actual: 'no_stream',
        },
        { case: 'a stale exact revision', existing: 3, expected: 1n, actual: 2n },
        { case: 'a revision ahead of the stream', existing: 1, expected: 5n, actual: 0n },
        { case: 'an exact revision on a missing stream', existing: 0, expected: 0n, actual: 'no_stream' },
      ])('rejects $case with both revisions', async ({ existing, expected, actual }) => {
        const name = stream('1');
        if (existing > 0) {
          const given = Array.from({ length: existing }, () => newEvent('Given'));
          await store.append(name, given, { expectedRevision: 'no_stream' });
        }

        const conflict = await conflictOf(
          store.append(name, [newEvent('When')], { expectedRevision: expected }),
        );

        expect(conflict).toMatchObject({ stream: name, expected, actual });
        expect(await store.read(name)).toHaveLength(existing);
      });

      it.each<{ case: string; existing: number; expected: ExpectedRevision; nextRevision: bigint }>([
        { case: 'no_stream on a new stream', existing: 0, expected: 'no_stream', nextRevision: 0n },
        {
          case: 'stream_exists on an existing stream',
          existing: 2,
          expected: 'stream_exists',
          nextRevision: 2n,
        },
        { case: 'the exact last revision', existing: 3, expected: 2n, nextRevision: 3n },
        { case: 'any on a new stream', existing: 0, expected: 'any', nextRevision: 0n },
        { case: 'any on an existing stream', existing: 1, expected: 'any', nextRevision: 1n },
      ])('accepts $case', async ({ existing, expected, nextRevision }) => {
        const name = stream('1');
        if (existing > 0) {
          const given = Array.from({ length: existing }, () => newEvent('Given'));
          await store.append(name, given, { expectedRevision: 'no_stream' });
        }

        const result = await store.append(name, [newEvent('When')], { expectedRevision: expected });

        expect(result.nextRevision).toBe(nextRevision);
        const events = await store.read(name);
        expect(events.map((event) => event.revision)).toEqual(
          Array.from({ length: existing + 1 }, (_, i) => BigInt(i)),
        );
        expect(result.position).toBe(events.at(-1)?.position);
      });

      it('numbers a batch from 0 without gaps and returns the revision of its last event', async () => {
        const name = stream('1');
        const first = await store.append(name, [newEvent('A'), newEvent('B'), newEvent('C')], {
          expectedRevision: 'no_stream',
        });
        const second = await store.append(name, [newEvent('D'), newEvent('E')], { expectedRevision: 2n });

        expect([first.nextRevision, second.nextRevision]).toEqual([2n, 4n]);
        const events = await store.read(name);
        expect(events.map((event) => [event.type, event.revision])).toEqual([
          ['A', 0n],
          ['B', 1n],
          ['C', 2n],
          ['D', 3n],
          ['E', 4n],
        ]);
      });

      it('lets exactly one of several concurrent appends at the same revision win', async () => {
        const name = stream('1');
        await store.append(name, [newEvent('Opened')], { expectedRevision: 'no_stream' });

        const outcomes = await Promise.allSettled(
          Array.from({ length: 10 }, () => store.append(name, [newEvent('Raced')], { expectedRevision: 0n })),
        );

        expect(outcomes.filter((outcome) => outcome.status === 'fulfilled')).toHaveLength(1);
        const rejections = outcomes.filter((outcome) => outcome.status === 'rejected');
        expect(rejections).toHaveLength(9);
        for (const rejection of rejections) expect(rejection.reason).toBeInstanceOf(WrongExpectedRevision);
        expect(await store.read(name)).toHaveLength(2);
      });

      it('commits concurrent appends to different streams, each with its own revisions', async () => {
        const names = Array.from({ length: 20 }, (_, i) => stream(String(i)));

        const results = await Promise.all(
          names.map((name) =>
            store.append(name, [newEvent('A'), newEvent('B')], { expectedRevision: 'no_stream' }),
          ),
        );

        expect(results.map((result) => result.nextRevision)).toEqual(names.map(() => 1n));
        for (const name of names) expect(await store.read(name)).toHaveLength(2);
      });
    });

    describe('idempotent retry', () => {
      it.each<{ case: string; existing: number; expected: ExpectedRevision }>([
        { case: 'no_stream', existing: 0, expected: 'no_stream' },
        { case: 'an exact revision', existing: 2, expected: 1n },
      ])(
        'succeeds without writing when the same ids are re-sent at $case',
        async ({ existing, expected }) => {
          const name = stream('1');
          if (existing > 0) {
            const given = Array.from({ length: existing }, () => newEvent('Given'));
            await store.append(name, given, { expectedRevision: 'no_stream' });
          }
          const batch = [newEvent('A'), newEvent('B')];
          const original = await store.append(name, batch, { expectedRevision: expected });

          const retried = await store.append(name, batch, { expectedRevision: expected });

          expect(retried).toEqual(original);
          expect(await store.read(name)).toHaveLength(existing + 2);
        },
      );

      it('still succeeds after later events were appended', async () => {
        const name = stream('1');
        const batch = [newEvent('A')];
        const original = await store.append(name, batch, { expectedRevision: 'no_stream' });
        await store.append(name, [newEvent('B')], { expectedRevision: 0n });

        expect(await store.append(name, batch, { expectedRevision: 'no_stream' })).toEqual(original);
        expect(await store.read(name)).toHaveLength(2);
      });

      it('is a conflict when only part of the batch was written', async () => {
        const name = stream('1');
        const [a, b] = [newEvent('A'), newEvent('B')];
        await store.append(name, [a], { expectedRevision: 'no_stream' });

        await conflictOf(store.append(name, [a, b], { expectedRevision: 'no_stream' }));

        expect(eventIds(await store.read(name))).toEqual([a.id]);
      });

      it('is a conflict when the same ids are re-sent at a stale revision that is not theirs', async () => {
        const name = stream('1');
        const batch = [newEvent('A')];
        await store.append(name, [newEvent('Opened'), newEvent('Next')], { expectedRevision: 'no_stream' });
        await store.append(name, batch, { expectedRevision: 1n });

        await conflictOf(store.append(name, batch, { expectedRevision: 0n }));

        expect(await store.read(name)).toHaveLength(3);
      });

      // Outside the guarantee (port.ts): pinned per adapter, so that a change in either shows here.
      it(`re-sending the same ids at the stream's current revision: ${adapter.repeatedIdsAtCurrentRevision}`, async () => {
        const name = stream('1');
        const batch = [newEvent('A')];
        await store.append(name, [newEvent('Opened')], { expectedRevision: 'no_stream' });
        await store.append(name, batch, { expectedRevision: 0n });

        const repeated = store.append(name, batch, { expectedRevision: 1n });

        if (adapter.repeatedIdsAtCurrentRevision === 'conflict') {
          await conflictOf(repeated);
          expect(await store.read(name)).toHaveLength(2);
        } else {
          await repeated;
          expect(eventIds(await store.read(name))).toEqual([expect.any(String), batch[0]?.id, batch[0]?.id]);
        }
      });
    });

    describe('reading a stream', () => {
      it('reads a missing stream as empty', async () => {
        expect(await store.read(stream('missing'))).toEqual([]);
        expect(await store.read(stream('missing'), { direction: 'backwards' })).toEqual([]);
      });

      it('returns what was appended, with metadata, position and time of recording', async () => {
        const name = stream('1');
        const event = {
          ...newEvent('ClaimSubmitted', { amount: 150_000, items: ['a', 'b'] }),
          metadata: {
            schemaVersion: 2,
            actor: 'customer:42',
            correlationId: 'corr-1',
            causationId: 'cause-1',
            commandFingerprint: 'fingerprint-1',
          },
        };
        const result = await store.append(name, [event], { expectedRevision: 'no_stream' });

        const [recorded] = await store.read(name);

        expect(recorded).toMatchObject({
          id: event.id,
          stream: name,
          revision: 0n,
          type: 'ClaimSubmitted',
          data: { amount: 150_000, items: ['a', 'b'] },
          metadata: {
            schemaVersion: 2,
            actor: 'customer:42',
            correlationId: 'corr-1',
            causationId: 'cause-1',
            commandFingerprint: 'fingerprint-1',
          },
          position: result.position,
        });
        expect(recorded?.recordedAt).toBeInstanceOf(Date);
        expect(typeof recorded?.position).toBe('string');
      });

      it('gives back no command fingerprint for an event appended without one', async () => {
        const name = stream('1');
        await store.append(name, [newEvent('ClaimSubmitted')], { expectedRevision: 'no_stream' });

        const [recorded] = await store.read(name);

        expect(recorded?.metadata).not.toHaveProperty('commandFingerprint');
      });

      it.each<{ case: string; options: Parameters<EventStore['read']>[1]; types: string[] }>([
        { case: 'forwards from the start', options: {}, types: ['A', 'B', 'C', 'D', 'E'] },
        { case: 'forwards from a revision', options: { fromRevision: 2n }, types: ['C', 'D', 'E'] },
        { case: 'forwards with a max count', options: { fromRevision: 1n, maxCount: 2 }, types: ['B', 'C'] },
        {
          case: 'backwards from the end',
          options: { direction: 'backwards' },
          types: ['E', 'D', 'C', 'B', 'A'],
        },
        {
          case: 'backwards from a revision',
          options: { direction: 'backwards', fromRevision: 2n, maxCount: 2 },
          types: ['C', 'B'],
        },
        { case: 'forwards past the end', options: { fromRevision: 9n }, types: [] },
      ])('reads $case', async ({ options, types }) => {
        const name = stream('1');
        const batch = ['A', 'B', 'C', 'D', 'E'].map((type) => newEvent(type));
        await store.append(name, batch, { expectedRevision: 'no_stream' });

        expect((await store.read(name, options)).map((event) => event.type)).toEqual(types);
      });
    });

    describe('reading all streams in global order', () => {
      async function appendInterleaved() {
        const appended: string[] = [];
        for (let round = 0; round < 3; round += 1) {
          for (const name of [stream('a'), stream('b'), `${category}x-c`]) {
            const event = newEvent(`Round${round}`);
            await store.append(name, [event], { expectedRevision: 'any' });
            appended.push(event.id);
          }
        }
        return appended;
      }

      it('returns events of every stream in the order they were appended, positions increasing', async () => {
        const appended = await appendInterleaved();
        const [first] = await store.read(stream('a'));

        const events = await store.readAll({
          after: undefined,
          maxCount: 1000,
          categories: [category, `${category}x`],
        });

        expect(eventIds(events)).toEqual(appended);
        expect(first?.position).toBe(events[0]?.position);
      });

      it('reads the whole log without a category filter, strictly after the given position', async () => {
        const appended = await appendInterleaved();
        const [first] = await store.read(stream('a'));

        const events = await store.readAll({ after: first?.position, maxCount: appended.length - 1 });

        expect(eventIds(events)).toEqual(appended.slice(1));
      });

      it('pages through the log with exclusive positions, each event exactly once', async () => {
        const appended = await appendInterleaved();
        const seen: string[] = [];
        let after: string | undefined;
        for (;;) {
          const page = await store.readAll({ after, maxCount: 2, categories: [category, `${category}x`] });
          if (page.length === 0) break;
          seen.push(...eventIds(page));
          after = page.at(-1)?.position;
        }

        expect(seen).toEqual(appended);
      });

      it('filters by category: the stream name up to its first dash, not a mere prefix', async () => {
        const appended = await appendInterleaved();

        const events = await store.readAll({ maxCount: 1000, categories: [category] });

        expect(events.every((event) => event.stream.startsWith(`${category}-`))).toBe(true);
        expect(eventIds(events)).toEqual(appended.filter((_, i) => i % 3 !== 2));
      });

      it('knows the head of the log: the position of the last event of any stream', async () => {
        await appendInterleaved();
        const [last] = await store.read(`${category}x-c`, { direction: 'backwards', maxCount: 1 });

        expect(await store.headPosition()).toBe(last?.position);
        expect(last?.position).toMatch(/^[0-9a-f]{32}$/);
      });

      it('rejects a malformed position as bad input', async () => {
        await expect(store.readAll({ after: 'not a position', maxCount: 10 })).rejects.toBeInstanceOf(
          DomainError,
        );
      });
    });

    describe('catch-up subscription', () => {
      it('delivers past events, signals caught-up at the last one, then delivers live appends', async () => {
        const past = [newEvent('A'), newEvent('B')];
        await store.append(stream('1'), past, { expectedRevision: 'no_stream' });
        const abort = new AbortController();
        const iterator = subscription(store, { categories: [category], signal: abort.signal });

        const catchUp = await nextMessages(iterator, 3);
        const live = newEvent('C');
        await store.append(stream('2'), [live], { expectedRevision: 'no_stream' });
        const [delivered] = await nextMessages(iterator, 1);
        abort.abort();

        expect(
          catchUp.map((message) => (message.kind === 'event' ? message.event.id : message.kind)),
        ).toEqual([past[0]?.id, past[1]?.id, 'caughtUp']);
        const lastPast = catchUp[1];
        expect(catchUp[2]).toEqual({
          kind: 'caughtUp',
          position: lastPast?.kind === 'event' ? lastPast.event.position : 'missing',
        });
        expect(delivered?.kind === 'event' && delivered.event.id).toBe(live.id);
      });

      it('resumes strictly after the given position', async () => {
        const events = [newEvent('A'), newEvent('B'), newEvent('C')];
        await store.append(stream('1'), events, { expectedRevision: 'no_stream' });
        const [, second] = await store.read(stream('1'));
        const abort = new AbortController();
        const iterator = subscription(store, {
          after: second?.position,
          categories: [category],
          signal: abort.signal,
        });

        const messages = await nextMessages(iterator, 2);
        abort.abort();

        expect(
          messages.map((message) => (message.kind === 'event' ? message.event.id : message.kind)),
        ).toEqual([events[2]?.id, 'caughtUp']);
      });

      it('delivers only the subscribed categories, live ones too', async () => {
        await store.append(`${category}x-1`, [newEvent('Other')], { expectedRevision: 'no_stream' });
        const abort = new AbortController();
        const iterator = subscription(store, { categories: [category], signal: abort.signal });

        const [caughtUp] = await nextMessages(iterator, 1);
        await store.append(`${category}x-2`, [newEvent('Other')], { expectedRevision: 'no_stream' });
        const wanted = newEvent('Wanted');
        await store.append(stream('1'), [wanted], { expectedRevision: 'no_stream' });
        const [delivered] = await nextMessages(iterator, 1);
        abort.abort();

        expect(caughtUp).toEqual({ kind: 'caughtUp', position: undefined });
        expect(delivered?.kind === 'event' && delivered.event.id).toBe(wanted.id);
      });

      it('ends the iteration when the signal aborts while waiting for live events', async () => {
        const abort = new AbortController();
        const iterator = subscription(store, { categories: [category], signal: abort.signal });
        await nextMessages(iterator, 1);

        const waiting = iterator.next();
        abort.abort();

        expect(await waiting).toEqual({ done: true, value: undefined });
      });

      it('delivers many concurrent live appends in global order without loss', async () => {
        const abort = new AbortController();
        const iterator = subscription(store, { categories: [category], signal: abort.signal });
        await nextMessages(iterator, 1);

        await Promise.all(
          Array.from({ length: 50 }, (_, i) =>
            store.append(stream(String(i % 5)), [newEvent('Live')], { expectedRevision: 'any' }),
          ),
        );
        const delivered = await nextMessages(iterator, 50);
        abort.abort();

        const inLog = await store.readAll({ maxCount: 100, categories: [category] });
        expect(delivered.map((message) => message.kind === 'event' && message.event.id)).toEqual(
          eventIds(inLog),
        );
      });
    });

    describe('event types: upcast and validated on read, through the wrapper every adapter gets', () => {
      const types = new EventTypeRegistry([
        {
          type: 'AddressChanged',
          versions: [
            { version: 1, schema: z.object({ line: z.string() }) },
            {
              version: 2,
              schema: z.object({ line: z.string(), country: z.string() }),
              upcast: (data) => ({ ...(data as object), country: 'RU' }),
            },
            {
              version: 3,
              schema: z.object({ lines: z.array(z.string()), country: z.string() }),
              upcast: (data) => {
                const { line, ...rest } = data as { line: string };
                return { ...rest, lines: [line] };
              },
            },
          ],
        },
        {
          type: 'AddressRemoved',
          formerNames: ['AddressDeleted'],
          versions: [{ version: 1, schema: z.object({ reason: z.string() }) }],
        },
      ]);

      async function readEveryWay(
        typed: EventStore,
        name: string,
        count: number,
      ): Promise<RecordedEvent[][]> {
        const abort = new AbortController();
        const iterator = subscription(typed, { categories: [category], signal: abort.signal });
        try {
          const viaRead = await typed.read(stream(name));
          const viaReadAll = await typed.readAll({ maxCount: 10, categories: [category] });
          const viaSubscribe = (await nextMessages(iterator, count)).flatMap((message) =>
            message.kind === 'event' ? [message.event] : [],
          );
          return [viaRead, viaReadAll, viaSubscribe];
        } finally {
          abort.abort();
        }
      }

      it('lifts old versions and former names to today’s through every read path, leaving others alone', async () => {
        const typed = typedEventStore(store, types);
        const old = newEvent('AddressChanged', { line: 'Тверская, 1' }, 1);
        const current = newEvent('AddressChanged', { lines: ['Арбат, 2'], country: 'RU' }, 3);
        const renamed = newEvent('AddressDeleted', { reason: 'переезд' }, 1);
        const unrelated = newEvent('NameChanged', { name: 'Иван' }, 1);
        await store.append(stream('1'), [old, current, renamed, unrelated], {
          expectedRevision: 'no_stream',
        });

        for (const events of await readEveryWay(typed, '1', 4)) {
          expect(events.map((event) => [event.type, event.data, event.metadata.schemaVersion])).toEqual([
            ['AddressChanged', { lines: ['Тверская, 1'], country: 'RU' }, 3],
            ['AddressChanged', { lines: ['Арбат, 2'], country: 'RU' }, 3],
            ['AddressRemoved', { reason: 'переезд' }, 1],
            ['NameChanged', { name: 'Иван' }, 1],
          ]);
        }
      });

      it('fails every read path loudly on a stored event that does not match its schema', async () => {
        const typed = typedEventStore(store, types);
        await store.append(stream('1'), [newEvent('AddressChanged', { line: 42 }, 1)], {
          expectedRevision: 'no_stream',
        });
        const [stored] = await store.read(stream('1'));
        const abort = new AbortController();
        const iterator = subscription(typed, { categories: [category], signal: abort.signal });

        const failures = [
          await typed.read(stream('1')).catch((error: unknown) => error),
          await typed.readAll({ maxCount: 10, categories: [category] }).catch((error: unknown) => error),
          await iterator.next().catch((error: unknown) => error),
        ];
        abort.abort();

        for (const failure of failures) {
          expect(failure).toBeInstanceOf(InvalidStoredEvent);
          expect(failure).toMatchObject({ stream: stream('1'), revision: 0n, position: stored?.position });
        }
      });

      it('refuses to append an event of a registered type that is not today’s version, writing nothing', async () => {
        const typed = typedEventStore(store, types);

        const refused = await typed
          .append(stream('1'), [newEvent('AddressChanged', { line: 'Тверская, 1' }, 1)], {
            expectedRevision: 'no_stream',
          })
          .catch((error: unknown) => error);

        expect(refused).toBeInstanceOf(InvalidNewEvent);
        expect(await store.read(stream('1'))).toEqual([]);
      });
    });
  });
}
