import { DomainError, type Principal } from '@cabinet/kernel';
import type { EventStore, Position, RecordedEvent } from '@cabinet/platform/eventstore';
import { ChangeQueue, KeyedQueues, LiveCategoryFeed } from '@cabinet/platform/feeds';
import type { Logger } from '@cabinet/platform/logging';
import type { SubscriptionDeliveryMetrics } from '@cabinet/platform/metrics';
import { claimEventOf } from '../../claim/application/claimEventCodec.ts';
import { mayFollowStatus } from '../../claim/domain/claimAccess.ts';
import { evolve, type ClaimState } from '../../claim/domain/claimState.ts';
import { CLAIM_STREAM_CATEGORY, claimIdOfStream } from '../../claim/domain/claimStreamId.ts';
import { ownershipOf, stateBefore, statusChangeOf, type ClaimStatusChangeRecord } from './statusChange.ts';

/** Claim states kept warm for folding; older ones are folded again from their stream when needed. */
const CACHED_STATES = 20_000;
const feedOverflow = () =>
  new DomainError(
    'CLAIM_FEED_OVERFLOW',
    'Получено слишком много изменений без чтения. Переподключитесь, передав последний курсор.',
  );
/** How the hub is named in the event store's delivery-lag metric. */
const STATUS_HUB_SUBSCRIBER = 'claim-status-hub';

export interface HubAttachment {
  /** The last log position the hub had handled when the subscriber attached (undefined: an empty log). */
  readonly from: Position | undefined;
  /** Every change after `from` that the subscriber may see. */
  readonly changes: ChangeQueue<ClaimStatusChangeRecord>;
}

interface BroadSubscriber {
  readonly principal: Principal;
  readonly queue: ChangeQueue<ClaimStatusChangeRecord>;
}

/**
 * One event-store subscription per process for every status subscriber: each claim event is folded
 * once, and its status change is handed to the subscribers of that claim (an index by claim id) and
 * to those following all the claims they may see (staff, partners, a customer's whole list).
 */
export class ClaimStatusHub {
  private feed: LiveCategoryFeed<ClaimStatusChangeRecord | null> | undefined;
  private readonly byClaim = new KeyedQueues<ClaimStatusChangeRecord>(feedOverflow);
  private readonly broad = new Set<BroadSubscriber>();
  private readonly states = new Map<string, ClaimState>();

  private constructor(private readonly events: EventStore) {}

  /**
   * Starts at the end of the log: what came before is read by each subscriber that asks for it.
   * `delivery` times each live event from being recorded to being handed to the subscribers.
   */
  static async start(
    events: EventStore,
    log: Logger,
    delivery?: SubscriptionDeliveryMetrics,
  ): Promise<ClaimStatusHub> {
    const hub = new ClaimStatusHub(events);
    hub.feed = await LiveCategoryFeed.start({
      events,
      category: CLAIM_STREAM_CATEGORY,
      log,
      name: 'claim status feed',
      prepare: (event) => hub.statusChangeOf(event),
      deliver: (event, change) => {
        if (change) hub.fanOut(change);
        delivery?.delivered(STATUS_HUB_SUBSCRIBER, event);
      },
    });
    return hub;
  }

  get subscribers(): number {
    return this.broad.size + this.byClaim.size;
  }

  /** Registers a subscriber; changes after the returned `from` go to its queue until it ends. */
  attach(principal: Principal, claimId: string | undefined, signal: AbortSignal): HubAttachment {
    const from = this.feed?.position;
    if (claimId === undefined) {
      const subscriber: BroadSubscriber = {
        principal,
        queue: new ChangeQueue(() => this.broad.delete(subscriber), signal, feedOverflow),
      };
      this.broad.add(subscriber);
      return { from, changes: subscriber.queue };
    }
    return { from, changes: this.byClaim.add(claimId, signal) };
  }

  async stop(): Promise<void> {
    await this.feed?.stop();
    this.byClaim.closeAll();
    for (const subscriber of [...this.broad]) subscriber.queue.close();
  }

  /** Folds the event into its claim's state: the status change it makes, if any. */
  private async statusChangeOf(event: RecordedEvent): Promise<ClaimStatusChangeRecord | null> {
    const claimId = claimIdOfStream(event.stream);
    if (claimId === null) return null;
    const before = this.states.get(claimId) ?? (await stateBefore(this.events, event));
    const after = evolve(before, claimEventOf(event));
    this.remember(claimId, after);
    return after.kind === 'claim' ? statusChangeOf(before, after, event) : null;
  }

  private fanOut(change: ClaimStatusChangeRecord): void {
    this.byClaim.push(change.claimId, change);
    if (this.broad.size === 0) return;
    const ownership = ownershipOf(change);
    for (const subscriber of this.broad) {
      if (mayFollowStatus(subscriber.principal, ownership)) subscriber.queue.push(change);
    }
  }

  private remember(claimId: string, state: ClaimState): void {
    this.states.delete(claimId);
    this.states.set(claimId, state);
    if (this.states.size > CACHED_STATES) {
      const oldest = this.states.keys().next();
      if (!oldest.done) this.states.delete(oldest.value);
    }
  }
}
