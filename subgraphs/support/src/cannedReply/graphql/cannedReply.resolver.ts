import { UuidScalar } from '@cabinet/platform/scalars';
import type { RequestContext } from '@cabinet/platform/graphql';
import { Arg, Ctx, Mutation, Query, Resolver } from 'type-graphql';
import type { CannedReplyService } from '../application/cannedReplyService.ts';
import type { CannedReply as StoredCannedReply } from '../domain/cannedReply.ts';
import { CannedReplyInput } from './cannedReply.input.ts';
import { CannedReply } from './cannedReply.type.ts';

const toCannedReply = (reply: StoredCannedReply): CannedReply =>
  Object.assign(new CannedReply(), { ...reply, updatedAt: new Date(reply.updatedAt) });

@Resolver(() => CannedReply)
export class CannedReplyResolver {
  constructor(private readonly replies: CannedReplyService) {}

  @Query(() => [CannedReply], { description: 'Operators: the canned replies, by title' })
  async cannedReplies(@Ctx() context: RequestContext): Promise<CannedReply[]> {
    return (await this.replies.list(context.principal)).map(toCannedReply);
  }

  @Mutation(() => CannedReply, { description: 'Supervisor: add a canned reply' })
  async createCannedReply(
    @Arg('input', () => CannedReplyInput) input: CannedReplyInput,
    @Ctx() context: RequestContext,
  ): Promise<CannedReply> {
    return toCannedReply(await this.replies.create(context.principal, input));
  }

  @Mutation(() => CannedReply, { description: 'Supervisor: change a canned reply' })
  async updateCannedReply(
    @Arg('id', () => UuidScalar) id: string,
    @Arg('input', () => CannedReplyInput) input: CannedReplyInput,
    @Ctx() context: RequestContext,
  ): Promise<CannedReply> {
    return toCannedReply(await this.replies.update(context.principal, id, input));
  }

  @Mutation(() => Boolean, { description: 'Supervisor: delete a canned reply' })
  async deleteCannedReply(
    @Arg('id', () => UuidScalar) id: string,
    @Ctx() context: RequestContext,
  ): Promise<boolean> {
    return this.replies.delete(context.principal, id);
  }
}
