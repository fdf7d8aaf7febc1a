import { UuidScalar } from '@cabinet/platform/scalars';
import type { RequestContext } from '@cabinet/platform/graphql';
import { Arg, Ctx, Mutation, Resolver } from 'type-graphql';
import type { ClaimHistoryExport } from '../application/claimHistoryExport.ts';
import { ClaimHistoryLink } from './claimHistoryLink.type.ts';

@Resolver()
export class ClaimHistoryResolver {
  constructor(private readonly history: ClaimHistoryExport) {}

  @Mutation(() => ClaimHistoryLink, {
    description:
      'A short-lived signed link to a PDF of the claim’s history (number, policy, statuses with dates, every event), or without `claimId` of all the customer’s claims. Customer or staff (staff name the claim).',
  })
  async exportClaimHistory(
    @Arg('claimId', () => UuidScalar, { nullable: true }) claimId: string | null | undefined,
    @Ctx() context: RequestContext,
  ): Promise<ClaimHistoryLink> {
    return Object.assign(new ClaimHistoryLink(), await this.history.link(context.principal, claimId ?? null));
  }
}
