import { UuidScalar } from '@cabinet/platform/scalars';
import {
  commandEnvelopeOf,
  IDEMPOTENCY_KEY_ARGUMENT,
  pageSize,
  type RequestContext,
} from '@cabinet/platform/graphql';
import type { GraphQLResolveInfo } from 'graphql';
import { Arg, Ctx, Info, Int, Mutation, Query, Resolver } from 'type-graphql';
import type { AttachmentService } from '../../attachment/application/attachmentService.ts';
import type { SupportService } from '../application/supportService.ts';
import { Conversation, ConversationConnection } from './conversation.type.ts';
import { ATTACHMENT_IDS, SupportQueueFilter } from './conversation.input.ts';
import { toConversation } from './toConversation.ts';

/** The operators' side: the queue and what operators do to a conversation. */
@Resolver(() => Conversation)
export class SupportQueueResolver {
  constructor(
    private readonly support: SupportService,
    private readonly attachments: AttachmentService,
  ) {}

  @Query(() => ConversationConnection, {
    description: 'Operators: open conversations, the longest-waiting unanswered customer first',
  })
  async supportQueue(
    @Ctx() context: RequestContext,
    @Arg('filter', () => SupportQueueFilter, { nullable: true }) filter: SupportQueueFilter | null,
    @Arg('first', () => Int, { defaultValue: 20 }) first: number,
    @Arg('after', () => String, { nullable: true }) after: string | null,
  ): Promise<ConversationConnection> {
    const list = await this.support.operatorQueue(
      context,
      {
        topic: filter?.topic ?? undefined,
        unassigned: filter?.unassigned ?? undefined,
        mine: filter?.mine ?? undefined,
      },
      { first: pageSize(first), after: after ?? undefined },
    );
    return {
      nodes: list.views.map(toConversation),
      pageInfo: { hasNextPage: list.hasNextPage, endCursor: list.endCursor },
      totalCount: list.totalCount,
    };
  }

  @Mutation(() => Conversation, {
    description: 'Operator: take an unassigned conversation (a supervisor: any)',
  })
  async takeConversation(
    @Arg('conversationId', () => UuidScalar) conversationId: string,
    @Arg('idempotencyKey', () => String, IDEMPOTENCY_KEY_ARGUMENT) idempotencyKey: string | null,
    @Ctx() context: RequestContext,
    @Info() info: GraphQLResolveInfo,
  ): Promise<Conversation> {
    const envelope = commandEnvelopeOf(context, info, idempotencyKey);
    return toConversation(await this.support.act(context, conversationId, envelope, 'TakeConversation', {}));
  }

  @Mutation(() => Conversation, { description: 'Supervisor: give the conversation to a support operator' })
  async assignConversation(
    @Arg('conversationId', () => UuidScalar) conversationId: string,
    @Arg('operatorId', () => UuidScalar) operatorId: string,
    @Arg('idempotencyKey', () => String, IDEMPOTENCY_KEY_ARGUMENT) idempotencyKey: string | null,
    @Ctx() context: RequestContext,
    @Info() info: GraphQLResolveInfo,
  ): Promise<Conversation> {
    const envelope = commandEnvelopeOf(context, info, idempotencyKey);
    return toConversation(
      await this.support.handOver(context, conversationId, envelope, 'AssignConversation', operatorId),
    );
  }

  @Mutation(() => Conversation, {
    description: 'Operator holding the conversation (or a supervisor): hand it to another support operator',
  })
  async transferConversation(
    @Arg('conversationId', () => UuidScalar) conversationId: string,
    @Arg('operatorId', () => UuidScalar) operatorId: string,
    @Arg('idempotencyKey', () => String, IDEMPOTENCY_KEY_ARGUMENT) idempotencyKey: string | null,
    @Ctx() context: RequestContext,
    @Info() info: GraphQLResolveInfo,
  ): Promise<Conversation> {
    const envelope = commandEnvelopeOf(context, info, idempotencyKey);
    return toConversation(
      await this.support.handOver(context, conversationId, envelope, 'TransferConversation', operatorId),
    );
  }

  @Mutation(() => Conversation, {
    description: 'Operator: answer the customer; answering an unassigned conversation takes it',
  })
  async replyToConversation(
    @Arg('conversationId', () => UuidScalar) conversationId: string,
    @Arg('text', () => String) text: string,
    @Arg('idempotencyKey', () => String, IDEMPOTENCY_KEY_ARGUMENT) idempotencyKey: string | null,
    @Arg('attachmentIds', () => [UuidScalar], { nullable: true, description: ATTACHMENT_IDS })
    attachmentIds: string[] | null,
    @Ctx() context: RequestContext,
    @Info() info: GraphQLResolveInfo,
  ): Promise<Conversation> {
    const envelope = commandEnvelopeOf(context, info, idempotencyKey);
    const messageId = this.support.messageId(conversationId, envelope);
    const attachments = await this.attachments.attachable(context, attachmentIds ?? []);
    return toConversation(
      await this.support.act(
        context,
        conversationId,
        envelope,
        'ReplyToConversation',
        { messageId, text, attachments },
        { text, attachmentIds: attachmentIds ?? [] },
      ),
    );
  }

  @Mutation(() => Conversation, {
    description: 'Operator: a note for colleagues that the customer never sees',
  })
  async addInternalNote(
    @Arg('conversationId', () => UuidScalar) conversationId: string,
    @Arg('text', () => String) text: string,
    @Arg('idempotencyKey', () => String, IDEMPOTENCY_KEY_ARGUMENT) idempotencyKey: string | null,
    @Ctx() context: RequestContext,
    @Info() info: GraphQLResolveInfo,
  ): Promise<Conversation> {
    const envelope = commandEnvelopeOf(context, info, idempotencyKey);
    const messageId = this.support.messageId(conversationId, envelope);
    return toConversation(
      await this.support.act(
        context,
        conversationId,
        envelope,
        'AddInternalNote',
        { messageId, text },
        { text },
      ),
    );
  }

  @Mutation(() => Conversation, {
    description:
      'Operator holding a conversation about a claim (or a supervisor): pull in the adjuster handling the claim, who may then read and answer it',
  })
  async inviteAdjuster(
    @Arg('conversationId', () => UuidScalar) conversationId: string,
    @Arg('adjusterId', () => UuidScalar) adjusterId: string,
    @Arg('idempotencyKey', () => String, IDEMPOTENCY_KEY_ARGUMENT) idempotencyKey: string | null,
    @Ctx() context: RequestContext,
    @Info() info: GraphQLResolveInfo,
  ): Promise<Conversation> {
    const envelope = commandEnvelopeOf(context, info, idempotencyKey);
    return toConversation(await this.support.inviteAdjuster(context, conversationId, envelope, adjusterId));
  }

  @Mutation(() => Conversation, {
    description: 'Operator holding the conversation (or a supervisor): take a pulled-in adjuster out of it',
  })
  async removeAdjuster(
    @Arg('conversationId', () => UuidScalar) conversationId: string,
    @Arg('adjusterId', () => UuidScalar) adjusterId: string,
    @Arg('idempotencyKey', () => String, IDEMPOTENCY_KEY_ARGUMENT) idempotencyKey: string | null,
    @Ctx() context: RequestContext,
    @Info() info: GraphQLResolveInfo,
  ): Promise<Conversation> {
    const envelope = commandEnvelopeOf(context, info, idempotencyKey);
    return toConversation(
      await this.support.act(context, conversationId, envelope, 'RemoveAdjuster', { adjusterId }),
    );
  }

  @Mutation(() => Conversation, { description: 'Adjuster: leave a conversation you were pulled into' })
  async leaveConversation(
    @Arg('conversationId', () => UuidScalar) conversationId: string,
    @Arg('idempotencyKey', () => String, IDEMPOTENCY_KEY_ARGUMENT) idempotencyKey: string | null,
    @Ctx() context: RequestContext,
    @Info() info: GraphQLResolveInfo,
  ): Promise<Conversation> {
    const envelope = commandEnvelopeOf(context, info, idempotencyKey);
    return toConversation(await this.support.leave(context, conversationId, envelope));
  }
}
