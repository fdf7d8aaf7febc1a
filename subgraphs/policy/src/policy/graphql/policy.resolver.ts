import { pageSize, type RequestContext } from '@cabinet/platform';
import { Arg, Ctx, FieldResolver, ID, Int, Query, Resolver, Root } from 'type-graphql';
import { assertMaySeeCustomerPolicies, assertMaySeePolicy } from '../policyAccess.ts';
import type { PolicyProduct, PolicyRecord, PolicyStatus } from '../policyRecord.ts';
import type { PolicyRepository } from '../policyRepository.ts';
import { Customer } from './customer.type.ts';
import { Policy, PolicyConnection, PolicyProductEnum, PolicyStatusEnum } from './policy.type.ts';

export function toPolicy(record: PolicyRecord): Policy {
  return Object.assign(new Policy(), {
    id: record.id,
    number: record.number,
    product: record.product,
    status: record.status,
    periodStart: record.periodStart,
    periodEnd: record.periodEnd,
    soldByPartnerId: record.soldByPartnerId,
  });
}

@Resolver(() => Policy)
export class PolicyResolver {
  constructor(private readonly policies: PolicyRepository) {}

  @Query(() => Policy, { description: "A policy card: the holder's own, or any for staff" })
  async policy(@Arg('id', () => ID) id: string, @Ctx() context: RequestContext): Promise<Policy> {
    return toPolicy(assertMaySeePolicy(context.principal, await this.policies.get(id)));
  }

  async resolveReference(reference: { id: string }, context: RequestContext): Promise<Policy> {
    return toPolicy(assertMaySeePolicy(context.principal, await this.policies.get(reference.id)));
  }
}

@Resolver(() => Customer)
export class CustomerPoliciesResolver {
  constructor(private readonly repository: PolicyRepository) {}

  @FieldResolver(() => PolicyConnection, { description: "The customer's policies, latest end date first" })
  async policies(
    @Root() customer: Customer,
    @Ctx() context: RequestContext,
    @Arg('status', () => PolicyStatusEnum, { nullable: true }) status: PolicyStatus | undefined,
    @Arg('product', () => PolicyProductEnum, { nullable: true }) product: PolicyProduct | undefined,
    @Arg('first', () => Int, { defaultValue: 20 }) first: number,
    @Arg('after', () => String, { nullable: true }) after: string | undefined,
  ): Promise<PolicyConnection> {
    assertMaySeeCustomerPolicies(context.principal, customer.id);
    const { page, totalCount } = await this.repository.ofHolder({
      holderId: customer.id,
      status,
      product,
      first: pageSize(first),
      after,
    });
    return {
      nodes: page.items.map((item) => toPolicy(item.data)),
      pageInfo: { hasNextPage: page.hasNextPage, endCursor: page.endCursor },
      totalCount,
    };
  }
}
