import { DomainError, type Principal } from '@cabinet/kernel';
import type { EventStore, Position, RecordedEvent } from '@cabinet/platform/eventstore';
import { ChangeQueue } from '@cabinet/platform/feeds';
import type { Logger } from '@cabinet/platform/logging';
import type { SubscriptionDeliveryMetrics } from '@cabinet/platform/metrics';
import { claimEventOf } from '../../claim/application/claimEventCodec.ts';
import { mayFollowStatus } from '../../claim/domain/claimAccess.ts';
import { evolve, type ClaimState } from '../../claim/domain/claimState.ts';
import { CLAIM_STREAM_CATEGORY, claimIdOfStream } from '../../claim/domain/claimStreamId.ts';
import { ownershipOf, stateBefore, statusChangeOf, type ClaimStatusChangeRecord } from './statusChange.ts';

/** Claim states kept warm for folding; older ones are folded again from their stream when needed. */
const CACHED_STATES = 20_000;
const RESUBSCRIBE_DELAY_MS = 500;
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
  private position: Position | undefined;
  private readonly byClaim = new Map<string, Set<ChangeQueue<ClaimStatusChangeRecord>>>();
  private readonly broad = new Set<BroadSubscriber>();
  private readonly states = new Map<string, ClaimState>();
  private readonly abort = new AbortController();
  private loop: Promise<void> = Promise.resolve();

  private constructor(
    private readonly events: EventStore,
    private readonly log: Logger,
    private readonly delivery: SubscriptionDeliveryMetrics | undefined,
  ) {}

  /**
   * Starts at the end of the log: what came before is read by each subscriber that asks for it.
   * `delivery` times each live event from being recorded to being handed to the subscribers.
   */
  static async start(
    events: EventStore,
    log: Logger,
    delivery?: SubscriptionDeliveryMetrics,
  ): Promise<ClaimStatusHub> {
    const hub = new ClaimStatusHub(events, log, delivery);
    await new Promise<void>((live) => {
      hub.loop = hub.follow(live);
    });
    return hub;
  }

  get subscribers(): number {
    let count = this.broad.size;
    for (const queues of this.byClaim.values()) count += queues.size;
    return count;
  }

  /** Registers a subscriber; changes after the returned `from` go to its queue until it ends. */
  attach(principal: Principal, claimId: string | undefined, signal: AbortSignal): HubAttachment {
    if (claimId === undefined) {
      const subscriber: BroadSubscriber = {
        principal,
        queue: new ChangeQueue(() => this.broad.delete(subscriber), signal, feedOverflow),
      };
      this.broad.add(subscriber);
      return { from: this.position, changes: subscriber.queue };
    }
    const queues = this.byClaim.get(claimId) ?? new Set<ChangeQueue<ClaimStatusChangeRecord>>();
    const queue = new ChangeQueue<ClaimStatusChangeRecord>(
      () => {
        queues.delete(queue);
        if (queues.size === 0) this.byClaim.delete(claimId);
      },
      signal,
      feedOverflow,
    );
    queues.add(queue);
    this.byClaim.set(claimId, queues);
    return { from: this.position, changes: queue };
  }

  async stop(): Promise<void> {
    this.abort.abort();
    await this.loop;
    for (const queues of [...this.byClaim.values()]) for (const queue of [...queues]) queue.close();
    for (const subscriber of [...this.broad]) subscriber.queue.close();
  }

  private async follow(live: () => void): Promise<void> {
    let isLive = false;
    while (!this.abort.signal.aborted) {
      try {
        for await (const message of this.events.subscribe({
          ...(this.position === undefined ? {} : { after: this.position }),
          categories: [CLAIM_STREAM_CATEGORY],
          signal: this.abort.signal,
        })) {
          if (message.kind === 'caughtUp') {
            if (!isLive) this.position = message.position;
            isLive = true;
            live();
          } else if (isLive) {
            await this.handle(message.event);
            this.delivery?.delivered(STATUS_HUB_SUBSCRIBER, message.event);
          }
        }
      } catch (error) {
        if (this.abort.signal.aborted) return;
        // Subscribers keep their queues: resuming from the last handled position loses nothing.
        this.log.error({ err: error, position: this.position }, 'claim status feed dropped; resubscribing');
        await new Promise((resolve) => setTimeout(resolve, RESUBSCRIBE_DELAY_MS));
      }
    }
  }

  private async handle(event: RecordedEvent): Promise<void> {
    const claimId = claimIdOfStream(event.stream);
    if (claimId !== null) {
      const before = this.states.get(claimId) ?? (await stateBefore(this.events, event));
      const after = evolve(before, claimEventOf(event));
      this.remember(claimId, after);
      const change = after.kind === 'claim' ? statusChangeOf(before, after, event) : null;
      if (change) this.fanOut(change);
    }
    this.position = event.position;
  }

  private fanOut(change: ClaimStatusChangeRecord): void {
    for (const queue of this.byClaim.get(change.claimId) ?? []) queue.push(change);
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
