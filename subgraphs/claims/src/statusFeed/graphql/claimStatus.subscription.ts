import { UuidScalar } from '@cabinet/platform/scalars';
import { abortable } from '@cabinet/platform/feeds';
import type { RequestContext } from '@cabinet/platform/graphql';
import { Arg, Resolver, Root, Subscription, type SubscribeResolverData } from 'type-graphql';
import { CLAIM_STATUS_LABELS } from '../../claim/domain/claimStatus.ts';
import {
  openClaimStatusFeed,
  type ClaimStatusChangeRecord,
  type StatusFeedSources,
} from '../application/claimStatusFeed.ts';
import { ClaimStatusChange } from './claimStatusChange.type.ts';
import { Policy } from '../../claim/graphql/entities.ts';

interface FollowArgs {
  claimId?: string | null;
  after?: string | null;
}

/** What the claims subgraph puts into every request's context for its subscriptions. */
export interface ClaimSubscriptionServices {
  readonly statusFeed: StatusFeedSources;
}

@Resolver(() => ClaimStatusChange)
export class ClaimStatusSubscription {
  @Subscription(() => ClaimStatusChange, {
    description:
      'Status changes of the claims the caller may follow (own claims; all for staff; claims on policies it sold for a partner). With `after`, every later change is delivered first, then live ones; a resumption that would read more claim events than the service allows (staff and partners without `claimId` read the whole log) is refused with CLAIM_FEED_RESUME_TOO_FAR.',
    subscribe: async ({ args, context }: SubscribeResolverData<unknown, FollowArgs, RequestContext>) => {
      const { statusFeed } = context.services as ClaimSubscriptionServices;
      const controller = new AbortController();
      const feed = await openClaimStatusFeed(statusFeed, {
        principal: context.principal,
        claimId: args.claimId ?? undefined,
        after: args.after ?? undefined,
        signal: controller.signal,
      });
      return abortable(controller, feed);
    },
  })
  claimStatusChanged(
    @Root() change: ClaimStatusChangeRecord,
    @Arg('claimId', () => UuidScalar, { nullable: true }) _claimId: string | null,
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
