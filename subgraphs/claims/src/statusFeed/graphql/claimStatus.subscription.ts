import type { EventStore } from '@cabinet/platform/eventstore';
import { abortable } from '@cabinet/platform/feeds';
import type { RequestContext } from '@cabinet/platform/graphql';
import { Arg, ID, Resolver, Root, Subscription, type SubscribeResolverData } from 'type-graphql';
import { CLAIM_STATUS_LABELS } from '../../claim/domain/claimStatus.ts';
import {
  assertMayFollowClaimStatus,
  followClaimStatus,
  type ClaimStatusChangeRecord,
} from '../application/claimStatusFeed.ts';
import type { ClaimStatusHub } from '../application/claimStatusHub.ts';
import { ClaimStatusChange } from './claimStatusChange.type.ts';
import { Policy } from '../../claim/graphql/entities.ts';

interface FollowArgs {
  claimId?: string | null;
  after?: string | null;
}

/** What the claims subgraph puts into every request's context for its subscriptions. */
export interface ClaimSubscriptionServices {
  readonly events: EventStore;
  readonly statusHub: ClaimStatusHub;
}

@Resolver(() => ClaimStatusChange)
export class ClaimStatusSubscription {
  @Subscription(() => ClaimStatusChange, {
    description:
      'Status changes of the claims the caller may follow (own claims; all for staff; claims on policies it sold for a partner). With `after`, every later change is delivered first, then live ones.',
    subscribe: async ({ args, context }: SubscribeResolverData<unknown, FollowArgs, RequestContext>) => {
      const { claimId, after } = args;
      const { events, statusHub } = context.services as ClaimSubscriptionServices;
      await assertMayFollowClaimStatus(events, context.principal, {
        claimId: claimId ?? undefined,
        after: after ?? undefined,
      });
      return abortable((signal) =>
        followClaimStatus(statusHub, events, {
          principal: context.principal,
          claimId: claimId ?? undefined,
          after: after ?? undefined,
          signal,
        }),
      );
    },
  })
  claimStatusChanged(
    @Root() change: ClaimStatusChangeRecord,
    @Arg('claimId', () => ID, { nullable: true }) _claimId: string | null,
    @Arg('after', () => String, { nullable: true }) _after: string | null,
  ): ClaimStatusChange {
    return Object.assign(new ClaimStatusChange(), {
      cursor: change.cursor,
      claimId: change.claimId,
      claimNumber: change.claimNumber,
      status: change.status,
      statusLabel: CLAIM_STATUS_LABELS[change.status],
      previousStatus: change.previousStatus,
      resolution: change.resolution,
      changedAt: new Date(change.changedAt),
      policy: Object.assign(new Policy(), { id: change.policyId }),
    });
  }
}
