import type {
  AllStreamResolvedEvent,
  AllStreamSubscription,
  EventStoreDBClient,
  Filter,
} from '@eventstore/db-client';
import {
  ErrorType,
  excludeSystemEvents,
  isCommandError,
  START,
  streamNameFilter,
} from '@eventstore/db-client';
import type { Position, SubscribeOptions, SubscriptionMessage } from '../port.ts';
import { fromResolvedEvent } from './esdbEvents.ts';
import { decodeEsdbPosition } from './esdbPosition.ts';

/** Failures after which the same subscription can simply be opened again. */
const TRANSIENT = new Set<string>([
  ErrorType.UNAVAILABLE,
  ErrorType.CANCELLED,
  ErrorType.DEADLINE_EXCEEDED,
  ErrorType.NOT_LEADER,
  ErrorType.TIMEOUT,
]);
const MAX_BACKOFF_MS = 5_000;

/**
 * A catch-up subscription to `$all` as an async iterator. Category filters run on the server
 * (`streamNameFilter` with `<category>-` prefixes), so no `$ce-` projection is needed. The client does
 * not resume a dropped subscription, so this reopens it from the last delivered position (start
 * positions are exclusive) with backoff; delivery stays in order and without gaps.
 */
export async function* subscribeToAll(
  client: EventStoreDBClient,
  options: SubscribeOptions,
): AsyncGenerator<SubscriptionMessage> {
  const { signal } = options;
  const filter: Filter =
    options.categories === undefined
      ? excludeSystemEvents()
      : streamNameFilter({ prefixes: options.categories.map((category) => `${category}-`) });
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
      if (!(error instanceof Error && isCommandError(error) && TRANSIENT.has(error.type))) throw error;
    } finally {
      feed.dispose();
      await subscription.unsubscribe();
    }
    await sleep(backoffMs, signal);
    backoffMs = Math.min(backoffMs * 2, MAX_BACKOFF_MS);
  }
}

/**
 * Pulls events one at a time (so the subscription's buffer applies backpressure) and places the
 * server's caught-up signal after exactly the events that were buffered when it arrived.
 */
class SubscriptionFeed {
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
    private readonly signal: AbortSignal | undefined,
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
