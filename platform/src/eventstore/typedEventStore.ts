import type { EventTypeRegistry } from './eventTypes.ts';
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
} from './port.ts';

/**
 * An event store, of any adapter, that checks every event of a registered type against its schema:
 * appends must be in today's version, and reads, whatever the path, lift older versions and former
 * names to today's and fail with `InvalidStoredEvent` on data that does not match.
 */
export function typedEventStore(store: EventStore, types: EventTypeRegistry): EventStore {
  return new TypedEventStore(store, types);
}

class TypedEventStore implements EventStore {
  constructor(
    private readonly store: EventStore,
    private readonly types: EventTypeRegistry,
  ) {}

  async append(
    stream: string,
    events: readonly NewEvent[],
    options: { expectedRevision: ExpectedRevision },
  ): Promise<AppendResult> {
    for (const event of events) this.types.checkNew(stream, event);
    return this.store.append(stream, events, options);
  }

  async read(stream: string, options?: ReadStreamOptions): Promise<RecordedEvent[]> {
    return (await this.store.read(stream, options)).map((event) => this.types.read(event));
  }

  async readAll(options: ReadAllOptions): Promise<RecordedEvent[]> {
    return (await this.store.readAll(options)).map((event) => this.types.read(event));
  }

  async *subscribe(options?: SubscribeOptions): AsyncIterable<SubscriptionMessage> {
    for await (const message of this.store.subscribe(options)) {
      yield message.kind === 'event' ? { kind: 'event', event: this.types.read(message.event) } : message;
    }
  }

  headPosition(): Promise<Position | undefined> {
    return this.store.headPosition();
  }

  close(): Promise<void> {
    return this.store.close();
  }
}
