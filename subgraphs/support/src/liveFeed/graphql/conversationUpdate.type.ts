import { Field, ID, Int, ObjectType } from 'type-graphql';
import { SupportMessage } from '../../conversation/graphql/conversation.type.ts';
import { ConversationSideEnum, ConversationStatusEnum } from '../../conversation/graphql/enums.ts';
import type { ConversationSide } from '../../conversation/domain/conversationEvents.ts';

@ObjectType({
  description:
    'Something that happened in a conversation: a message, a read receipt, an assignment, closing, reopening, a rating, an adjuster joining or leaving',
})
export class ConversationUpdate {
  @Field(() => String, {
    description: 'Pass as `after` when reconnecting: nothing is missed, nothing repeats',
  })
  cursor!: string;

  @Field(() => ID)
  conversationId!: string;

  @Field(() => String, {
    description:
      'ConversationOpened, CustomerMessageSent, OperatorReplied (an operator’s or a pulled-in adjuster’s answer), InternalNoteAdded (staff only), ConversationAssigned, MessagesRead, ConversationClosed, ConversationReopened, ConversationRated, AdjusterJoined or AdjusterLeft',
  })
  type!: string;

  @Field(() => Date)
  occurredAt!: Date;

  @Field(() => SupportMessage, { nullable: true, description: 'The message, for a message' })
  message!: SupportMessage | null;

  @Field(() => ConversationSideEnum, { nullable: true, description: 'Who read, for a read receipt' })
  readBy!: ConversationSide | null;

  @Field(() => Int, { nullable: true, description: 'Read up to this message number, for a read receipt' })
  readUpTo!: number | null;

  @Field(() => ConversationStatusEnum, {
    nullable: true,
    description: 'The status after closing or reopening',
  })
  status!: 'OPEN' | 'CLOSED' | null;

  @Field(() => ID, { nullable: true, description: 'Operators only: who holds it now, for an assignment' })
  assigneeId!: string | null;

  @Field(() => ID, {
    nullable: true,
    description: 'Staff only: the adjuster who joined or left, for AdjusterJoined and AdjusterLeft',
  })
  adjusterId!: string | null;
}

@ObjectType({
  description: 'A change to a conversation in the operators’ queue; refetch the queue or the conversation',
})
export class SupportQueueChange {
  @Field(() => String, {
    description: 'Pass as `after` when reconnecting: nothing is missed, nothing repeats',
  })
  cursor!: string;

  @Field(() => ID)
  conversationId!: string;

  @Field(() => String, { description: 'The event, as ConversationUpdate.type names it' })
  type!: string;

  @Field(() => Date)
  occurredAt!: Date;
}
