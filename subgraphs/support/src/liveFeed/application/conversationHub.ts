import { DomainError } from '@cabinet/kernel';
import type { EventStore, Position, RecordedEvent } from '@cabinet/platform/eventstore';
import { ChangeQueue, KeyedQueues, LiveCategoryFeed } from '@cabinet/platform/feeds';
import type { Logger } from '@cabinet/platform/logging';
import {
  CONVERSATION_CATEGORY,
  conversationStreamId,
} from '../../conversation/domain/conversationStreamId.ts';

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
  private feed: LiveCategoryFeed<undefined> | undefined;
  private readonly byStream = new KeyedQueues<RecordedEvent>(feedOverflow);
  private readonly everything = new Set<ChangeQueue<RecordedEvent>>();

  /** Starts at the end of the log: what came before is read by each subscriber that asks for it. */
  static async start(events: EventStore, log: Logger): Promise<ConversationHub> {
    const hub = new ConversationHub();
    hub.feed = await LiveCategoryFeed.start({
      events,
      category: CONVERSATION_CATEGORY,
      log,
      name: 'conversation feed',
      prepare: () => undefined,
      deliver: (event) => {
        hub.byStream.push(event.stream, event);
        for (const queue of hub.everything) queue.push(event);
      },
    });
    return hub;
  }

  /** Registers a subscriber to one conversation, or (null) to all of them. */
  attach(conversationId: string | null, signal: AbortSignal): HubAttachment {
    const from = this.feed?.position;
    if (conversationId !== null) {
      return { from, changes: this.byStream.add(conversationStreamId(conversationId), signal) };
    }
    const queue: ChangeQueue<RecordedEvent> = new ChangeQueue(
      () => this.everything.delete(queue),
      signal,
      feedOverflow,
    );
    this.everything.add(queue);
    return { from, changes: queue };
  }

  async stop(): Promise<void> {
    await this.feed?.stop();
    this.byStream.closeAll();
    for (const queue of [...this.everything]) queue.close();
  }
}
