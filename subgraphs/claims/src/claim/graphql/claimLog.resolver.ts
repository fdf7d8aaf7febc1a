import { CommonErrors } from '@cabinet/kernel';
import { pageSize, requireStaff, type RequestContext } from '@cabinet/platform/graphql';
import { Arg, Ctx, Int, Query, Resolver } from 'type-graphql';
import type { EventStore } from '@cabinet/platform/eventstore';
import { readClaimLog } from '../analytics/claimLog.ts';
import { isClaimEventType, type ClaimEventType } from '../domain/claimEvents.ts';
import { ClaimLogEvent, ClaimLogPage } from './claimLog.type.ts';

@Resolver()
export class ClaimLogResolver {
  constructor(private readonly events: EventStore) {}

  @Query(() => ClaimLogPage, {
    description: 'Analysts: the whole claim event log in order, cursor-paged, without personal data',
  })
  async claimEvents(
    @Ctx() context: RequestContext,
    @Arg('after', () => String, { nullable: true }) after: string | undefined,
    @Arg('first', () => Int, { defaultValue: 100 }) first: number,
    @Arg('types', () => [String], {
      nullable: true,
      description: 'Only these event types, e.g. ClaimPaidOut',
    })
    types: string[] | undefined,
  ): Promise<ClaimLogPage> {
    requireStaff(context, 'analyst');
    const wanted: ClaimEventType[] = [];
    for (const type of types ?? []) {
      if (!isClaimEventType(type)) throw CommonErrors.badInput('types', `Неизвестный тип события: ${type}`);
      wanted.push(type);
    }
    const page = await readClaimLog(this.events, {
      after: after ?? undefined,
      first: pageSize(first),
      types: wanted,
    });
    return {
      nodes: page.events.map((event) =>
        Object.assign(new ClaimLogEvent(), {
          ...event,
          occurredAt: new Date(event.occurredAt),
          recordedAt: new Date(event.recordedAt),
        }),
      ),
      pageInfo: { hasNextPage: page.hasNextPage, endCursor: page.endCursor },
    };
  }
}
