import { CommonErrors, type Principal } from '@cabinet/kernel';
import type { EventStore, Position, RecordedEvent } from '@cabinet/platform/eventstore';
import { comparePositions } from '@cabinet/platform/feeds';
import { loadConversation } from '../../conversation/application/conversationCommandHandler.ts';
import { conversationEventOf } from '../../conversation/application/conversationEventCodec.ts';
import { supportActorFor } from '../../conversation/application/supportService.ts';
import { ConversationErrors } from '../../conversation/domain/conversationErrors.ts';
import { visibleToCustomer } from '../../conversation/domain/conversationEvents.ts';
import { CONVERSATION_CATEGORY } from '../../conversation/domain/conversationStreamId.ts';
import type { ConversationHub } from './conversationHub.ts';

export type Viewer = 'CUSTOMER' | 'OPERATOR';

/** How a subscriber sees the conversation, and the adjuster they are if one (whose feed ends as they leave). */
export interface Follower {
  readonly viewer: Viewer;
  readonly adjusterId: string | null;
}

const CATCH_UP_PAGE = 500;

/** A cursor from a client must be a log position: a malformed one is their input error. */
function assertCursor(after: Position | undefined): void {
  if (after !== undefined) comparePositions(after, after);
}

/**
 * Checked before a subscription starts, so a refusal reaches the client with its code: the caller must
 * be the conversation's customer or an operator. Returns how the caller sees the conversation.
 */
export async function assertMayFollowConversation(
  events: EventStore,
  principal: Principal,
  conversationId: string,
  after: Position | undefined,
): Promise<Follower> {
  const actor = supportActorFor(principal);
  assertCursor(after);
  const { state } = await loadConversation(events, conversationId);
  if (state.kind === 'none' || (actor.kind === 'customer' && actor.customerId !== state.customerId))
    throw ConversationErrors.notFound();
  if (actor.kind === 'adjuster' && !state.adjusterIds.has(actor.staffId)) throw CommonErrors.forbidden();
  return {
    viewer: actor.kind === 'customer' ? 'CUSTOMER' : 'OPERATOR',
    adjusterId: actor.kind === 'adjuster' ? actor.staffId : null,
  };
}

/** The operators' queue feed is for operators only. */
export function assertMayFollowQueue(principal: Principal, after: Position | undefined): void {
  if (supportActorFor(principal).kind !== 'operator') throw CommonErrors.forbidden();
  assertCursor(after);
}

/**
 * Yields recorded events after `after` (or from now), then live ones, in log order with no gap and no
 * duplicate: the subscriber attaches to the hub first, which from then on queues every event after the
 * hub's position `from`; the events between `after` and `from` are read from the log; then the queue
 * takes over, skipping what the subscriber has already seen.
 */
async function* resumed(
  attachment: ReturnType<ConversationHub['attach']>,
  past: (after: Position, upTo: Position) => AsyncIterable<RecordedEvent>,
  after: Position | undefined,
): AsyncGenerator<RecordedEvent> {
  const { from, changes } = attachment;
  try {
    let seen = after;
    if (after !== undefined && from !== undefined && comparePositions(after, from) < 0) {
      for await (const event of past(after, from)) yield event;
      seen = from;
    }
    for await (const event of changes) {
      if (seen !== undefined && comparePositions(event.position, seen) <= 0) continue;
      yield event;
    }
  } finally {
    changes.close();
  }
}

/**
 * One conversation's events for a follower; a customer never gets internal notes, and an adjuster's
 * feed ends with their leaving (or removal).
 */
export async function* followConversation(
  hub: ConversationHub,
  events: EventStore,
  options: {
    conversationId: string;
    follower: Follower;
    after: Position | undefined;
    signal: AbortSignal;
  },
): AsyncGenerator<RecordedEvent> {
  const attachment = hub.attach(options.conversationId, options.signal);
  const past = async function* (after: Position, upTo: Position) {
    const { history } = await loadConversation(events, options.conversationId);
    for (const event of history) {
      if (comparePositions(event.position, after) <= 0) continue;
      if (comparePositions(event.position, upTo) > 0) return;
      yield event;
    }
  };
  const { viewer, adjusterId } = options.follower;
  for await (const recorded of resumed(attachment, past, options.after)) {
    const event = conversationEventOf(recorded);
    if (viewer === 'CUSTOMER' && !visibleToCustomer(event)) continue;
    yield recorded;
    if (event.type === 'AdjusterLeft' && event.data.adjusterId === adjusterId) return;
  }
}

/** Every conversation event, for operators watching the queue. */
export function followQueue(
  hub: ConversationHub,
  events: EventStore,
  options: { after: Position | undefined; signal: AbortSignal },
): AsyncGenerator<RecordedEvent> {
  const past = async function* (after: Position, upTo: Position) {
    let position = after;
    while (!options.signal.aborted) {
      const page = await events.readAll({
        after: position,
        categories: [CONVERSATION_CATEGORY],
        maxCount: CATCH_UP_PAGE,
      });
      for (const event of page) {
        if (comparePositions(event.position, upTo) > 0) return;
        position = event.position;
        yield event;
      }
      if (page.length < CATCH_UP_PAGE) return;
    }
  };
  return resumed(hub.attach(null, options.signal), past, options.after);
}
