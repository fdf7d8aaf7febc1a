import type { AppendExpectedRevision, ResolvedEvent } from '@eventstore/db-client';
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
  WrongExpectedVersionError,
} from '@eventstore/db-client';
import type {
  AppendResult,
  EventStore,
  ExpectedRevision,
  NewEvent,
  ReadAllOptions,
  ReadStreamOptions,
  RecordedEvent,
  SubscribeOptions,
  SubscriptionMessage,
} from '../port.ts';
import { categoryOf, WrongExpectedRevision } from '../port.ts';
import { fromResolvedEvent, toEventData } from './esdbEvents.ts';
import { decodeEsdbPosition, encodeEsdbPosition, samePosition } from './esdbPosition.ts';
import { subscribeToAll } from './esdbSubscription.ts';

export interface EventStoreDbOptions {
  /** `esdb://host:2113?tls=false` or `esdb+discover://…`. */
  readonly connectionString: string;
}

/**
 * The production event store. A thin mapping: our expected revisions are EventStoreDB's, its
 * WrongExpectedVersionError becomes WrongExpectedRevision, a missing stream reads as empty, and
 * system (`$`) streams never reach callers.
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
      throw error;
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
      throw error;
    }
    return events;
  }

  /**
   * Client 6.x cannot filter `readAll` on the server, so categories are filtered here while reading
   * forwards; the position given is exclusive, the server's start is inclusive.
   */
  async readAll(options: ReadAllOptions): Promise<RecordedEvent[]> {
    const after = options.after === undefined ? undefined : decodeEsdbPosition(options.after);
    const categories = options.categories === undefined ? undefined : new Set(options.categories);
    const events: RecordedEvent[] = [];
    if (options.maxCount === 0) return events;
    const reading = this.client.readAll({ direction: FORWARDS, fromPosition: after ?? START });
    for await (const resolved of reading) {
      const position = resolved.event?.position;
      if (after !== undefined && position !== undefined && samePosition(position, after)) continue;
      const event = fromResolvedEvent(resolved);
      if (event === null) continue;
      if (
        categories !== undefined &&
        !(event.stream.includes('-') && categories.has(categoryOf(event.stream)))
      ) {
        continue;
      }
      events.push(event);
      if (events.length === options.maxCount) break;
    }
    return events;
  }

  subscribe(options: SubscribeOptions = {}): AsyncIterable<SubscriptionMessage> {
    return subscribeToAll(this.client, options);
  }

  close(): Promise<void> {
    return this.client.dispose();
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
