import type { EventStore, Position, RecordedEvent } from '../eventstore/port.ts';
import type { Logger } from '../logging/logger.ts';

const RESUBSCRIBE_DELAY_MS = 500;

export interface LiveCategoryFeedOptions<Prepared> {
  readonly events: EventStore;
  readonly category: string;
  readonly log: Logger;
  /** Names the feed in the log line of a dropped subscription. */
  readonly name: string;
  /** What an event needs before it is handed on (e.g. its stream folded); may wait. */
  readonly prepare: (event: RecordedEvent) => Prepared | Promise<Prepared>;
  /**
   * Hands each event recorded after the feed went live on, in log order. Synchronous, so that the
   * feed's position moves in the same step: a subscriber attaching in between would otherwise take a
   * position before an event it has already been handed, and get that event twice or miss it.
   */
  readonly deliver: (event: RecordedEvent, prepared: Prepared) => void;
}

/**
 * One event-store subscription to a category that starts at the end of the log (after the head
 * position when it starts, so nothing older is read): what came before is read by each subscriber
 * that asks for it, from its own streams. A dropped subscription resumes from the last handled
 * position, so subscribers fed by `deliver` lose nothing.
 */
export class LiveCategoryFeed<Prepared> {
  private handled: Position | undefined;
  private readonly abort = new AbortController();
  private loop: Promise<void> = Promise.resolve();

  private constructor(private readonly options: LiveCategoryFeedOptions<Prepared>) {}

  /** Resolves once everything recorded so far has been passed over and the feed is live. */
  static async start<Prepared>(
    options: LiveCategoryFeedOptions<Prepared>,
  ): Promise<LiveCategoryFeed<Prepared>> {
    const feed = new LiveCategoryFeed(options);
    feed.handled = await options.events.headPosition();
    await new Promise<void>((live) => {
      feed.loop = feed.follow(live);
    });
    return feed;
  }

  /** The last log position handled (undefined: the log was empty when the feed started). */
  get position(): Position | undefined {
    return this.handled;
  }

  async stop(): Promise<void> {
    this.abort.abort();
    await this.loop;
  }

  private async follow(live: () => void): Promise<void> {
    const { events, category, log, name, prepare, deliver } = this.options;
    while (!this.abort.signal.aborted) {
      try {
        for await (const message of events.subscribe({
          ...(this.handled === undefined ? {} : { after: this.handled }),
          categories: [category],
          signal: this.abort.signal,
        })) {
          if (message.kind === 'caughtUp') {
            live();
          } else {
            const prepared = await prepare(message.event);
            deliver(message.event, prepared);
            this.handled = message.event.position;
          }
        }
      } catch (error) {
        if (this.abort.signal.aborted) return;
        log.error({ err: error, position: this.handled }, `${name} dropped; resubscribing`);
        await new Promise((resolve) => setTimeout(resolve, RESUBSCRIBE_DELAY_MS));
      }
    }
  }
}
