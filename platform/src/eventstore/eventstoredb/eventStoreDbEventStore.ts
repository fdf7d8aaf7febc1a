import type { AppendExpectedRevision, Position as EsdbPosition, ResolvedEvent } from '@eventstore/db-client';
import {
  ANY,
  BACKWARDS,
  END,
  EventStoreDBClient,
  FORWARDS,
  NO_STREAM,
  START,
  STREAM_EXISTS,
  StreamNotFoundError,
  type AllStreamResolvedEvent,
  WrongExpectedVersionError,
} from '@eventstore/db-client';
import type {
  AppendResult,
  EventStore,
  ExpectedRevision,
  NewEvent,
  Position,
  ReadAllOptions,
  ReadStreamOptions,
  RecordedEvent,
  SubscribeOptions,
  SubscriptionMessage,
} from '../port.ts';
import { WrongExpectedRevision } from '../port.ts';
import { fromResolvedEvent, toEventData } from './esdbEvents.ts';
import { portErrorOf } from './esdbErrors.ts';
import { decodeEsdbPosition, encodeEsdbPosition, samePosition } from './esdbPosition.ts';
import { categoryFilter, letGo, subscribeToAll, SubscriptionFeed } from './esdbSubscription.ts';

export interface EventStoreDbOptions {
  /** `esdb://host:2113?tls=false` or `esdb+discover://…`. */
  readonly connectionString: string;
}

/**
 * The production event store. A thin mapping: our expected revisions are EventStoreDB's, its errors
 * become the port's (WrongExpectedVersionError → WrongExpectedRevision, see esdbErrors.ts), a missing
 * stream reads as empty, and system (`$`) streams never reach callers.
 */
export class EventStoreDbEventStore implements EventStore {
  private readonly client: EventStoreDBClient;

  constructor(options: EventStoreDbOptions) {
    this.client = EventStoreDBClient.connectionString(options.connectionString);
  }

  async append(
    stream: string,
    events: readonly NewEvent[],
    options: { expectedRevision: ExpectedRevision },
  ): Promise<AppendResult> {
    if (events.length === 0) throw new Error(`append to ${stream} needs at least one event`);
    try {
      const result = await this.client.appendToStream(stream, events.map(toEventData), {
        expectedRevision: toClientRevision(options.expectedRevision),
      });
      const position =
        result.position === undefined
          ? await this.positionOf(stream, result.nextExpectedRevision)
          : encodeEsdbPosition(result.position);
      return { nextRevision: result.nextExpectedRevision, position };
    } catch (error) {
      if (error instanceof WrongExpectedVersionError) {
        const actual = error.actualVersion === NO_STREAM ? 'no_stream' : error.actualVersion;
        throw new WrongExpectedRevision(stream, options.expectedRevision, actual);
      }
      throw portErrorOf(error, 'append', stream);
    }
  }

  async read(stream: string, options: ReadStreamOptions = {}): Promise<RecordedEvent[]> {
    if (options.maxCount === 0) return [];
    const backwards = options.direction === 'backwards';
    const events: RecordedEvent[] = [];
    try {
      const reading = this.client.readStream(stream, {
        direction: backwards ? BACKWARDS : FORWARDS,
        fromRevision: options.fromRevision ?? (backwards ? END : START),
        ...(options.maxCount === undefined ? {} : { maxCount: options.maxCount }),
      });
      for await (const resolved of reading) this.collect(resolved, events);
    } catch (error) {
      if (error instanceof StreamNotFoundError) return [];
      throw portErrorOf(error, 'read', stream);
    }
    return events;
  }

  /**
   * Client 6.2.1's `readAll` takes no filter, so a category read is a catch-up subscription with the
   * server-side stream-name filter, let go at `maxCount` events or once caught up: the server skips
   * the other streams, this process never sees them. Both start positions are exclusive here.
   */
  async readAll(options: ReadAllOptions): Promise<RecordedEvent[]> {
    const after = options.after === undefined ? undefined : decodeEsdbPosition(options.after);
    if (options.maxCount === 0) return [];
    try {
      return options.categories === undefined
        ? await this.readWholeLog(after, options.maxCount)
        : await this.readCategories(after, options.categories, options.maxCount);
    } catch (error) {
      throw portErrorOf(error, 'readAll');
    }
  }

  /**
   * The last event of `$all` (system events too: their positions are in the same order). The read of
   * one event is consumed to its end: a read left early is never finished, and `close()` waits for it.
   */
  async headPosition(): Promise<Position | undefined> {
    let head: Position | undefined;
    try {
      const reading = this.client.readAll({ direction: BACKWARDS, fromPosition: END, maxCount: 1 });
      for await (const resolved of reading) {
        if (resolved.event?.position !== undefined) head = encodeEsdbPosition(resolved.event.position);
      }
    } catch (error) {
      throw portErrorOf(error, 'headPosition');
    }
    return head;
  }

  subscribe(options: SubscribeOptions = {}): AsyncIterable<SubscriptionMessage> {
    return subscribeToAll(this.client, options);
  }

  close(): Promise<void> {
    return this.client.dispose();
  }

  /**
   * Pages of `$all` bounded on the server and each consumed to its end (a read left early is never
   * finished, and `close()` waits for it). The server's start position is inclusive, so each page
   * skips the event it starts at; system events are read and dropped.
   */
  private async readWholeLog(after: EsdbPosition | undefined, maxCount: number): Promise<RecordedEvent[]> {
    const events: RecordedEvent[] = [];
    let from = after;
    for (;;) {
      const requested = maxCount - events.length + 1;
      let received = 0;
      const reading = this.client.readAll({
        direction: FORWARDS,
        fromPosition: from ?? START,
        maxCount: requested,
      });
      let last: EsdbPosition | undefined;
      for await (const resolved of reading) {
        received += 1;
        const position = resolved.event?.position;
        if (from !== undefined && position !== undefined && samePosition(position, from)) continue;
        last = position ?? last;
        if (events.length < maxCount) this.collect(resolved, events);
      }
      if (events.length >= maxCount || received < requested || last === undefined) return events;
      from = last;
    }
  }

  private async readCategories(
    after: EsdbPosition | undefined,
    categories: readonly string[],
    maxCount: number,
  ): Promise<RecordedEvent[]> {
    const events: RecordedEvent[] = [];
    const subscription = this.client.subscribeToAll({
      fromPosition: after ?? START,
      filter: categoryFilter(categories),
    });
    const feed = new SubscriptionFeed(subscription);
    try {
      while (events.length < maxCount) {
        const next: AllStreamResolvedEvent | 'caughtUp' | 'stopped' | 'ended' = await feed.next();
        if (typeof next === 'string') break;
        this.collect(next, events);
      }
    } finally {
      feed.dispose();
      await letGo(subscription);
    }
    return events;
  }

  private collect(resolved: ResolvedEvent, into: RecordedEvent[]): void {
    const event = fromResolvedEvent(resolved);
    if (event !== null) into.push(event);
  }

  /** An idempotent (already written) append is acknowledged without a position: read it back. */
  private async positionOf(stream: string, revision: bigint): Promise<string> {
    const [event] = await this.read(stream, { fromRevision: revision, maxCount: 1 });
    if (event === undefined) throw new Error(`${stream}@${revision} was acknowledged but cannot be read`);
    return event.position;
  }
}

function toClientRevision(expected: ExpectedRevision): AppendExpectedRevision {
  switch (expected) {
    case 'any':
      return ANY;
    case 'no_stream':
      return NO_STREAM;
    case 'stream_exists':
      return STREAM_EXISTS;
    default:
      return expected;
  }
}
