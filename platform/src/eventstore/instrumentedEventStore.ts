import type { EventStoreMetrics } from '../metrics/eventStoreMetrics.ts';
import {
  WrongExpectedRevision,
  type AppendResult,
  type EventStore,
  type ExpectedRevision,
  type NewEvent,
  type Position,
  type ReadAllOptions,
  type ReadStreamOptions,
  type RecordedEvent,
  type SubscribeOptions,
  type SubscriptionMessage,
} from './port.ts';

/** An event store that counts and times its appends; reads and subscriptions pass straight through. */
export function instrumentEventStore(store: EventStore, metrics: EventStoreMetrics): EventStore {
  return new InstrumentedEventStore(store, metrics);
}

class InstrumentedEventStore implements EventStore {
  constructor(
    private readonly store: EventStore,
    private readonly metrics: EventStoreMetrics,
  ) {}

  async append(
    stream: string,
    events: readonly NewEvent[],
    options: { expectedRevision: ExpectedRevision },
  ): Promise<AppendResult> {
    const started = performance.now();
    const seconds = () => (performance.now() - started) / 1_000;
    try {
      const result = await this.store.append(stream, events, options);
      this.metrics.appended('ok', events.length, seconds());
      return result;
    } catch (error) {
      this.metrics.appended(error instanceof WrongExpectedRevision ? 'conflict' : 'error', 0, seconds());
      throw error;
    }
  }

  read(stream: string, options?: ReadStreamOptions): Promise<RecordedEvent[]> {
    return this.store.read(stream, options);
  }

  readAll(options: ReadAllOptions): Promise<RecordedEvent[]> {
    return this.store.readAll(options);
  }

  subscribe(options?: SubscribeOptions): AsyncIterable<SubscriptionMessage> {
    return this.store.subscribe(options);
  }

  headPosition(): Promise<Position | undefined> {
    return this.store.headPosition();
  }

  close(): Promise<void> {
    return this.store.close();
  }
}
