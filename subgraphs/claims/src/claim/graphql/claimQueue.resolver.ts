import { UuidScalar } from '@cabinet/platform/scalars';
import { pageSize, requireStaff, type RequestContext } from '@cabinet/platform/graphql';
import { Arg, Ctx, Int, Query, Resolver } from 'type-graphql';
import { moscowDate } from '@cabinet/kernel';
import type { InsuranceProduct } from '../domain/claimEvents.ts';
import type { ClaimStatus } from '../domain/claimStatus.ts';
import type { ClaimQueueRepository } from '../storage/claimQueueRepository.ts';
import { ClaimConnection } from './claim.type.ts';
import { ClaimStatusEnum, InsuranceProductEnum } from './enums.ts';
import { toClaim } from './toClaim.ts';

@Resolver()
export class ClaimQueueResolver {
  constructor(
    private readonly queue: ClaimQueueRepository,
    private readonly now: () => Date,
  ) {}

  @Query(() => ClaimConnection, {
    description:
      'Staff: claims sorted by their earliest running deadline (claims without one last), filtered',
  })
  async claimQueue(
    @Ctx() context: RequestContext,
    @Arg('status', () => ClaimStatusEnum, { nullable: true }) status: ClaimStatus | undefined,
    @Arg('product', () => InsuranceProductEnum, { nullable: true }) product: InsuranceProduct | undefined,
    @Arg('adjusterId', () => UuidScalar, { nullable: true }) adjusterId: string | undefined,
    @Arg('overdue', () => Boolean, { nullable: true, description: 'true: only overdue; false: only in time' })
    overdue: boolean | undefined,
    @Arg('first', () => Int, { defaultValue: 20 }) first: number,
    @Arg('after', () => String, { nullable: true }) after: string | undefined,
  ): Promise<ClaimConnection> {
    requireStaff(context);
    const now = this.now();
    const { page, totalCount } = await this.queue.find(
      {
        status: status ?? undefined,
        product: product ?? undefined,
        adjusterId: adjusterId ?? undefined,
        overdue: overdue ?? undefined,
        today: moscowDate(now),
      },
      { first: pageSize(first), after: after ?? undefined },
    );
    return {
      nodes: page.items.map(({ data }) => toClaim(data.claim, data, now)),
      pageInfo: { hasNextPage: page.hasNextPage, endCursor: page.endCursor },
      totalCount,
    };
  }
}
