import { CommonErrors } from '@cabinet/kernel';
import {
  pageSize,
  requireAuthenticated,
  requireCustomer,
  type RequestContext,
} from '@cabinet/platform/graphql';
import { Arg, Ctx, Int, Query, Resolver } from 'type-graphql';
import type { ActivityEntry, ActivityLog } from './activityLog.ts';
import { ActivityConnection, ActivityEntryType, ActivityOutcomeType } from './activity.type.ts';

export function toActivityEntry(entry: ActivityEntry): ActivityEntryType {
  return Object.assign(new ActivityEntryType(), {
    ...entry,
    outcome: ActivityOutcomeType[entry.outcome],
    at: new Date(entry.at),
    details: JSON.stringify(entry.details),
  });
}

@Resolver()
export class ActivityResolver {
  constructor(private readonly log: ActivityLog) {}

  @Query(() => ActivityConnection, { description: "The caller's activity log, newest first" })
  async myActivity(
    @Arg('first', () => Int, { defaultValue: 20 }) first: number,
    @Arg('after', () => String, { nullable: true }) after: string | undefined,
    @Ctx() context: RequestContext,
  ): Promise<ActivityConnection> {
    const principal = requireAuthenticated(context);
    // A partner app holds a client credential, not a session, and has no activity log of its own here.
    if (principal.kind === 'partner') throw CommonErrors.forbidden();
    const subjectId = principal.kind === 'customer' ? requireCustomer(context).customerId : principal.staffId;
    const page = await this.log.page(subjectId, pageSize(first), after ?? undefined);
    return Object.assign(new ActivityConnection(), {
      nodes: page.entries.map(toActivityEntry),
      pageInfo: { hasNextPage: page.hasNextPage, endCursor: page.endCursor },
      totalCount: page.totalCount,
    });
  }
}
