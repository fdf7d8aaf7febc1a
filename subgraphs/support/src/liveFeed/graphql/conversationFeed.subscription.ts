import { UuidScalar } from '@cabinet/platform/scalars';
import type { EventStore, RecordedEvent } from '@cabinet/platform/eventstore';
import { abortable } from '@cabinet/platform/feeds';
import type { RequestContext } from '@cabinet/platform/graphql';
import { Arg, Resolver, Root, Subscription, type SubscribeResolverData } from 'type-graphql';
import { conversationEventOf } from '../../conversation/application/conversationEventCodec.ts';
import { messagesOf } from '../../conversation/graphql/toConversation.ts';
import {
  assertMayFollowConversation,
  assertMayFollowQueue,
  followConversation,
  followQueue,
  type Viewer,
} from '../application/conversationFeed.ts';
import type { ConversationHub } from '../application/conversationHub.ts';
import { ConversationUpdate, SupportQueueChange } from './conversationUpdate.type.ts';

/** What the support subgraph puts into every request's context for its subscriptions. */
export interface SupportSubscriptionServices {
  readonly events: EventStore;
  readonly hub: ConversationHub;
}

interface FollowArgs {
  conversationId: string;
  after?: string | null;
}

/** The event and the viewer it goes to, so the field can leave out what the viewer may not see. */
interface Delivery {
  readonly event: RecordedEvent;
  readonly viewer: Viewer;
}

function toUpdate({ event: recorded, viewer }: Delivery): ConversationUpdate {
  const event = conversationEventOf(recorded);
  const data = event.data as Record<string, unknown>;
  return Object.assign(new ConversationUpdate(), {
    cursor: recorded.position,
    conversationId: event.data.conversationId,
    type: event.type,
    occurredAt: new Date(event.data.occurredAt),
    message: messagesOf([recorded], viewer)[0] ?? null,
    readBy: event.type === 'MessagesRead' ? event.data.side : null,
    readUpTo: event.type === 'MessagesRead' ? event.data.upToNumber : null,
    status:
      event.type === 'ConversationClosed' ? 'CLOSED' : event.type === 'ConversationReopened' ? 'OPEN' : null,
    assigneeId:
      viewer === 'OPERATOR' && typeof data['toOperatorId'] === 'string' ? data['toOperatorId'] : null,
    adjusterId: viewer === 'OPERATOR' && typeof data['adjusterId'] === 'string' ? data['adjusterId'] : null,
  });
}

@Resolver(() => ConversationUpdate)
export class ConversationFeedSubscription {
  @Subscription(() => ConversationUpdate, {
    description:
      'One conversation, live, for its customer (never internal notes) and operators. With `after`, every later event is delivered first, then live ones.',
    subscribe: async ({ args, context }: SubscribeResolverData<unknown, FollowArgs, RequestContext>) => {
      const { events, hub } = context.services as SupportSubscriptionServices;
      const after = args.after ?? undefined;
      const follower = await assertMayFollowConversation(
        events,
        context.principal,
        args.conversationId,
        after,
      );
      const { viewer } = follower;
      const controller = new AbortController();
      const deliveries = async function* (signal: AbortSignal) {
        for await (const event of followConversation(hub, events, {
          conversationId: args.conversationId,
          follower,
          after,
          signal,
        }))
          yield { event, viewer } satisfies Delivery;
      };
      return abortable(controller, deliveries(controller.signal));
    },
  })
  conversationEvents(
    @Root() delivery: Delivery,
    @Arg('conversationId', () => UuidScalar) _conversationId: string,
    @Arg('after', () => String, { nullable: true }) _after: string | null,
  ): ConversationUpdate {
    return toUpdate(delivery);
  }

  @Subscription(() => SupportQueueChange, {
    description:
      'Operators: every change to any conversation, live. With `after`, every later change is delivered first, then live ones.',
    subscribe: ({
      args,
      context,
    }: SubscribeResolverData<unknown, { after?: string | null }, RequestContext>) => {
      const { events, hub } = context.services as SupportSubscriptionServices;
      const after = args.after ?? undefined;
      assertMayFollowQueue(context.principal, after);
      const controller = new AbortController();
      return abortable(controller, followQueue(hub, events, { after, signal: controller.signal }));
    },
  })
  supportQueueChanged(
    @Root() recorded: RecordedEvent,
    @Arg('after', () => String, { nullable: true }) _after: string | null,
  ): SupportQueueChange {
    const event = conversationEventOf(recorded);
    return Object.assign(new SupportQueueChange(), {
      cursor: recorded.position,
      conversationId: event.data.conversationId,
      type: event.type,
      occurredAt: new Date(event.data.occurredAt),
    });
  }
}
