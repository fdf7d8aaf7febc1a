import { UuidScalar } from '@cabinet/platform/scalars';
import {
  commandEnvelopeOf,
  IDEMPOTENCY_KEY_ARGUMENT,
  idempotencyKeyOf,
  pageSize,
  type RequestContext,
} from '@cabinet/platform/graphql';
import type { GraphQLResolveInfo } from 'graphql';
import { Arg, Ctx, FieldResolver, Info, Int, Mutation, Query, Resolver, Root } from 'type-graphql';
import type { AttachmentService } from '../../attachment/application/attachmentService.ts';
import type { SupportService } from '../application/supportService.ts';
import { ConversationErrors } from '../domain/conversationErrors.ts';
import { Conversation, ConversationConnection, SupportMessageConnection } from './conversation.type.ts';
import { ATTACHMENT_IDS, OpenConversationInput } from './conversation.input.ts';
import { messagesOf, toConversation } from './toConversation.ts';

const keyOf = (key: string | null | undefined) =>
  key === null || key === undefined ? undefined : idempotencyKeyOf(key);

/** A message cursor is the number of the last message on the page. */
function afterNumber(after: string | null | undefined): number {
  if (after === null || after === undefined) return 0;
  if (!/^\d{1,9}$/.test(after)) throw ConversationErrors.badInput('after', 'Некорректный курсор страницы.');
  return Number(after);
}

/** The customer's side of the chat, and what both sides share (reading, messages, closing). */
@Resolver(() => Conversation)
export class ConversationResolver {
  constructor(
    private readonly support: SupportService,
    private readonly attachments: AttachmentService,
  ) {}

  @Query(() => Conversation, {
    description: 'A support conversation: the customer’s own, or any for operators',
  })
  async conversation(
    @Arg('id', () => UuidScalar) id: string,
    @Ctx() context: RequestContext,
  ): Promise<Conversation> {
    return toConversation(await this.support.get(context, id));
  }

  @Query(() => ConversationConnection, { description: 'Customer: their support conversations, latest first' })
  async myConversations(
    @Ctx() context: RequestContext,
    @Arg('first', () => Int, { defaultValue: 20 }) first: number,
    @Arg('after', () => String, { nullable: true }) after: string | null,
  ): Promise<ConversationConnection> {
    const list = await this.support.mine(context, { first: pageSize(first), after: after ?? undefined });
    return {
      nodes: list.views.map(toConversation),
      pageInfo: { hasNextPage: list.hasNextPage, endCursor: list.endCursor },
      totalCount: list.totalCount,
    };
  }

  @FieldResolver(() => SupportMessageConnection, {
    description: 'The messages in order, oldest first; customers never get internal notes',
  })
  async messages(
    @Root() conversation: Conversation,
    @Ctx() context: RequestContext,
    @Arg('first', () => Int, { defaultValue: 50 }) first: number,
    @Arg('after', () => String, { nullable: true, description: 'A message number, as `endCursor` gives it' })
    after: string | null,
  ): Promise<SupportMessageConnection> {
    const size = pageSize(first);
    const from = afterNumber(after);
    const all = messagesOf(await this.support.history(context, conversation.view), conversation.view.viewer);
    const rest = all.filter((message) => message.number > from);
    const nodes = rest.slice(0, size);
    return {
      nodes,
      pageInfo: {
        hasNextPage: rest.length > size,
        endCursor: nodes.length > 0 ? String(nodes.at(-1)?.number) : null,
      },
      totalCount: all.length,
    };
  }

  @Mutation(() => Conversation, {
    description:
      'Customer: start a conversation with its first message. A policy or claim must be the customer’s own. Retrying with the same key returns the same conversation.',
  })
  async openConversation(
    @Arg('input', () => OpenConversationInput) input: OpenConversationInput,
    @Arg('idempotencyKey', () => String, IDEMPOTENCY_KEY_ARGUMENT) idempotencyKey: string | null,
    @Ctx() context: RequestContext,
    @Info() info: GraphQLResolveInfo,
  ): Promise<Conversation> {
    const envelope = commandEnvelopeOf(context, info, idempotencyKey);
    const attachments = await this.attachments.attachable(context, input.attachmentIds ?? []);
    return toConversation(
      await this.support.open(
        context,
        { topic: input.topic, subjectId: input.subjectId ?? null, text: input.text, attachments },
        envelope,
        keyOf(idempotencyKey),
      ),
    );
  }

  @Mutation(() => Conversation, {
    description: 'Customer: write to an open conversation (1 to 4 000 characters)',
  })
  async sendSupportMessage(
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
        'SendCustomerMessage',
        { messageId, autoReplyId: this.support.autoReplyId(messageId), text, attachments },
        { text, attachmentIds: attachmentIds ?? [] },
      ),
    );
  }

  @Mutation(() => Conversation, {
    description: 'Customer or operator: everything up to this message number has been read',
  })
  async markConversationRead(
    @Arg('conversationId', () => UuidScalar) conversationId: string,
    @Arg('upToMessageNumber', () => Int) upToMessageNumber: number,
    @Arg('idempotencyKey', () => String, IDEMPOTENCY_KEY_ARGUMENT) idempotencyKey: string | null,
    @Ctx() context: RequestContext,
    @Info() info: GraphQLResolveInfo,
  ): Promise<Conversation> {
    const envelope = commandEnvelopeOf(context, info, idempotencyKey);
    return toConversation(
      await this.support.act(context, conversationId, envelope, 'MarkConversationRead', {
        upToNumber: upToMessageNumber,
      }),
    );
  }

  @Mutation(() => Conversation, {
    description: 'Customer, or the operator holding it (a supervisor: any): close the conversation',
  })
  async closeConversation(
    @Arg('conversationId', () => UuidScalar) conversationId: string,
    @Arg('idempotencyKey', () => String, IDEMPOTENCY_KEY_ARGUMENT) idempotencyKey: string | null,
    @Ctx() context: RequestContext,
    @Info() info: GraphQLResolveInfo,
  ): Promise<Conversation> {
    const envelope = commandEnvelopeOf(context, info, idempotencyKey);
    return toConversation(await this.support.act(context, conversationId, envelope, 'CloseConversation', {}));
  }

  @Mutation(() => Conversation, {
    description: 'Customer: open a closed conversation again, within the configured days after closing',
  })
  async reopenConversation(
    @Arg('conversationId', () => UuidScalar) conversationId: string,
    @Arg('idempotencyKey', () => String, IDEMPOTENCY_KEY_ARGUMENT) idempotencyKey: string | null,
    @Ctx() context: RequestContext,
    @Info() info: GraphQLResolveInfo,
  ): Promise<Conversation> {
    const envelope = commandEnvelopeOf(context, info, idempotencyKey);
    return toConversation(
      await this.support.act(context, conversationId, envelope, 'ReopenConversation', {}),
    );
  }

  @Mutation(() => Conversation, {
    description:
      'Customer: rate the conversation 1 to 5 with an optional comment, once, after an operator answered or after closing',
  })
  async rateConversation(
    @Arg('conversationId', () => UuidScalar) conversationId: string,
    @Arg('score', () => Int) score: number,
    @Arg('comment', () => String, { nullable: true }) comment: string | null,
    @Arg('idempotencyKey', () => String, IDEMPOTENCY_KEY_ARGUMENT) idempotencyKey: string | null,
    @Ctx() context: RequestContext,
    @Info() info: GraphQLResolveInfo,
  ): Promise<Conversation> {
    const envelope = commandEnvelopeOf(context, info, idempotencyKey);
    return toConversation(
      await this.support.act(context, conversationId, envelope, 'RateConversation', {
        score,
        comment: comment ?? null,
      }),
    );
  }
}
