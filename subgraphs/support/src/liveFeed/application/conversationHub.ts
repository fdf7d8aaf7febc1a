import { DomainError } from '@cabinet/kernel';
import type { EventStore, Position, RecordedEvent } from '@cabinet/platform/eventstore';
import { ChangeQueue } from '@cabinet/platform/feeds';
import type { Logger } from '@cabinet/platform/logging';
import {
  CONVERSATION_CATEGORY,
  conversationStreamId,
} from '../../conversation/domain/conversationStreamId.ts';

const RESUBSCRIBE_DELAY_MS = 500;

const feedOverflow = () =>
  new DomainError(
    'SUPPORT_FEED_OVERFLOW',
    'Получено слишком много событий без чтения. Переподключитесь, передав последний курсор.',
  );

export interface HubAttachment {
  /** The last log position the hub had handled when the subscriber attached (undefined: an empty log). */
  readonly from: Position | undefined;
  /** Every conversation event after `from` the subscriber asked for. */
  readonly changes: ChangeQueue<RecordedEvent>;
}

/**
 * One event-store subscription per process for every live subscriber: each conversation event goes to
 * the subscribers of its conversation (an index by stream) and to those watching the whole queue.
 */
export class ConversationHub {
  private position: Position | undefined;
  private readonly byStream = new Map<string, Set<ChangeQueue<RecordedEvent>>>();
  private readonly everything = new Set<ChangeQueue<RecordedEvent>>();
  private readonly abort = new AbortController();
  private loop: Promise<void> = Promise.resolve();

  private constructor(
    private readonly events: EventStore,
    private readonly log: Logger,
  ) {}

  /** Starts at the end of the log: what came before is read by each subscriber that asks for it. */
  static async start(events: EventStore, log: Logger): Promise<ConversationHub> {
    const hub = new ConversationHub(events, log);
    await new Promise<void>((live) => {
      hub.loop = hub.follow(live);
    });
    return hub;
  }

  /** Registers a subscriber to one conversation, or (null) to all of them. */
  attach(conversationId: string | null, signal: AbortSignal): HubAttachment {
    if (conversationId === null) {
      const queue: ChangeQueue<RecordedEvent> = new ChangeQueue(
        () => this.everything.delete(queue),
        signal,
        feedOverflow,
      );
      this.everything.add(queue);
      return { from: this.position, changes: queue };
    }
    const stream = conversationStreamId(conversationId);
    const queues = this.byStream.get(stream) ?? new Set<ChangeQueue<RecordedEvent>>();
    const queue: ChangeQueue<RecordedEvent> = new ChangeQueue(
      () => {
        queues.delete(queue);
        if (queues.size === 0) this.byStream.delete(stream);
      },
      signal,
      feedOverflow,
    );
    queues.add(queue);
    this.byStream.set(stream, queues);
    return { from: this.position, changes: queue };
  }

  async stop(): Promise<void> {
    this.abort.abort();
    await this.loop;
    for (const queues of [...this.byStream.values()]) for (const queue of [...queues]) queue.close();
    for (const queue of [...this.everything]) queue.close();
  }

  private async follow(live: () => void): Promise<void> {
    let isLive = false;
    while (!this.abort.signal.aborted) {
      try {
        for await (const message of this.events.subscribe({
          ...(this.position === undefined ? {} : { after: this.position }),
          categories: [CONVERSATION_CATEGORY],
          signal: this.abort.signal,
        })) {
          if (message.kind === 'caughtUp') {
            if (!isLive) this.position = message.position;
            isLive = true;
            live();
          } else if (isLive) {
            for (const queue of this.byStream.get(message.event.stream) ?? []) queue.push(message.event);
            for (const queue of this.everything) queue.push(message.event);
            this.position = message.event.position;
          }
        }
      } catch (error) {
        if (this.abort.signal.aborted) return;
        // Subscribers keep their queues: resuming from the last handled position loses nothing.
        this.log.error({ err: error, position: this.position }, 'conversation feed dropped; resubscribing');
        await new Promise((resolve) => setTimeout(resolve, RESUBSCRIBE_DELAY_MS));
      }
    }
  }
}
