import type {
  AllStreamResolvedEvent,
  AllStreamSubscription,
  EventStoreDBClient,
  Filter,
} from '@eventstore/db-client';
import { excludeSystemEvents, START, streamNameFilter } from '@eventstore/db-client';
import {
  EventStoreUnavailable,
  type Position,
  type SubscribeOptions,
  type SubscriptionMessage,
} from '../port.ts';
import { portErrorOf } from './esdbErrors.ts';
import { fromResolvedEvent } from './esdbEvents.ts';
import { decodeEsdbPosition } from './esdbPosition.ts';

const MAX_BACKOFF_MS = 5_000;

/** Streams named `<category>-…`, filtered on the server. */
export function categoryFilter(categories: readonly string[]): Filter {
  return streamNameFilter({ prefixes: categories.map((category) => `${category}-`) });
}

/**
 * Lets a subscription go whatever state its connection is in: in client 6.2.1 `unsubscribe()` first
 * awaits the subscription's connection, which rejects again when connecting was what failed.
 */
export async function letGo(subscription: AllStreamSubscription): Promise<void> {
  await subscription.unsubscribe().catch(() => undefined);
}

/**
 * A catch-up subscription to `$all` as an async iterator. Category filters run on the server
 * (`streamNameFilter` with `<category>-` prefixes), so no `$ce-` projection is needed. The client does
 * not resume a dropped subscription, so this reopens it from the last delivered position (start
 * positions are exclusive) with backoff after any failure that leaves the server reachable again
 * (EventStoreUnavailable); delivery stays in order and without gaps. Anything else ends the iteration
 * with the port's error, for the caller (the projection supervisor) to decide.
 */
export async function* subscribeToAll(
  client: EventStoreDBClient,
  options: SubscribeOptions,
): AsyncGenerator<SubscriptionMessage> {
  const { signal } = options;
  const filter: Filter =
    options.categories === undefined ? excludeSystemEvents() : categoryFilter(options.categories);
  let lastDelivered: Position | undefined = options.after;
  let caughtUpSent = false;
  let backoffMs = 100;

  while (signal?.aborted !== true) {
    const subscription = client.subscribeToAll({
      fromPosition: lastDelivered === undefined ? START : decodeEsdbPosition(lastDelivered),
      filter,
    });
    const feed = new SubscriptionFeed(subscription, signal);
    try {
      for (;;) {
        const next = await feed.next();
        if (next === 'stopped') return;
        if (next === 'ended') break;
        if (next === 'caughtUp') {
          if (caughtUpSent) continue;
          caughtUpSent = true;
          yield { kind: 'caughtUp', position: lastDelivered };
          continue;
        }
        backoffMs = 100;
        const event = fromResolvedEvent(next);
        if (event === null) continue;
        lastDelivered = event.position;
        yield { kind: 'event', event };
      }
    } catch (error) {
      const failure = portErrorOf(error, 'subscribe');
      if (!(failure instanceof EventStoreUnavailable)) throw failure;
    } finally {
      feed.dispose();
      await letGo(subscription);
    }
    await sleep(backoffMs, signal);
    backoffMs = Math.min(backoffMs * 2, MAX_BACKOFF_MS);
  }
}

/**
 * Pulls events one at a time (so the subscription's buffer applies backpressure) and places the
 * server's caught-up signal after exactly the events that were buffered when it arrived.
 */
export class SubscriptionFeed {
  private eventsBeforeCaughtUp: number | undefined;
  private failure: Error | undefined;
  private ended = false;
  private wake: (() => void) | undefined;
  private readonly onChange = () => this.wake?.();
  private readonly onCaughtUp = () => {
    this.eventsBeforeCaughtUp ??= this.subscription.readableLength;
    this.onChange();
  };
  private readonly onError = (error: unknown) => {
    this.failure = error instanceof Error ? error : new Error(String(error));
    this.onChange();
  };
  private readonly onEnd = () => {
    this.ended = true;
    this.onChange();
  };

  constructor(
    private readonly subscription: AllStreamSubscription,
    private readonly signal?: AbortSignal,
  ) {
    subscription.on('readable', this.onChange);
    subscription.on('caughtUp', this.onCaughtUp);
    subscription.on('error', this.onError);
    subscription.on('end', this.onEnd);
    signal?.addEventListener('abort', this.onChange);
  }

  /**
   * The next event or signal; 'stopped' once the caller aborts, 'ended' if the server closed the
   * subscription. Throws what broke it.
   */
  async next(): Promise<AllStreamResolvedEvent | 'caughtUp' | 'stopped' | 'ended'> {
    for (;;) {
      if (this.signal?.aborted === true) return 'stopped';
      if (this.eventsBeforeCaughtUp === 0) {
        this.eventsBeforeCaughtUp = undefined;
        return 'caughtUp';
      }
      const event = this.subscription.read() as AllStreamResolvedEvent | null;
      if (event !== null) {
        if (this.eventsBeforeCaughtUp !== undefined) this.eventsBeforeCaughtUp -= 1;
        return event;
      }
      if (this.failure !== undefined) throw this.failure;
      if (this.ended) return 'ended';
      await new Promise<void>((resolve) => (this.wake = resolve));
      this.wake = undefined;
    }
  }

  /** The error listener stays: a failure reported while unsubscribing must not go unhandled. */
  dispose(): void {
    this.subscription.off('readable', this.onChange);
    this.subscription.off('caughtUp', this.onCaughtUp);
    this.subscription.off('end', this.onEnd);
    this.signal?.removeEventListener('abort', this.onChange);
  }
}

function sleep(ms: number, signal: AbortSignal | undefined): Promise<void> {
  return new Promise((resolve) => {
    const timer = setTimeout(done, ms);
    function done() {
      clearTimeout(timer);
      signal?.removeEventListener('abort', done);
      resolve();
    }
    signal?.addEventListener('abort', done, { once: true });
  });
}
