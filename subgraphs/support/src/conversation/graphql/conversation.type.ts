import type { MessageAttachment } from '../domain/conversationEvents.ts';
import { Connection } from '@cabinet/platform/graphql';
import { Field, ID, Int, ObjectType } from 'type-graphql';
import type { ConversationView } from '../application/supportService.ts';
import type { MessageAuthor } from '../domain/conversationEvents.ts';
import type { ConversationTopic } from '../domain/conversationTopic.ts';
import { ConversationStatusEnum, ConversationTopicEnum, MessageAuthorEnum } from './enums.ts';

@ObjectType({ description: 'A message in a support conversation' })
export class SupportMessage {
  @Field(() => ID)
  id!: string;

  @Field(() => Int, { description: 'Its place in the conversation, from 1; read receipts count up to it' })
  number!: number;

  @Field(() => MessageAuthorEnum)
  author!: MessageAuthor;

  @Field(() => ID, { nullable: true, description: 'Operators only: the staff member who wrote it' })
  operatorId!: string | null;

  @Field(() => Boolean, {
    description: 'An internal note operators leave each other; customers never see one',
  })
  internal!: boolean;

  @Field(() => String)
  text!: string;

  @Field(() => Date)
  sentAt!: Date;

  /** What the message event recorded of its files; the `attachments` field signs links to them. */
  attachedFiles!: readonly MessageAttachment[];
}

@ObjectType()
export class SupportMessageConnection extends Connection(SupportMessage) {}

@ObjectType({ description: 'The customer’s rating of a conversation' })
export class ConversationRating {
  @Field(() => Int, { description: '1 to 5' })
  score!: number;

  @Field(() => String, { nullable: true })
  comment!: string | null;
}

@ObjectType({ description: 'A support conversation (чат с поддержкой) between a customer and operators' })
export class Conversation {
  @Field(() => ID)
  id!: string;

  @Field(() => String, {
    description:
      'The log position of its latest event: pass as `after` to conversationEvents to follow it from here',
  })
  cursor!: string;

  @Field(() => ConversationTopicEnum)
  topic!: ConversationTopic;

  @Field(() => String, { description: 'The topic as customers read it' })
  topicLabel!: string;

  @Field(() => ID, { nullable: true, description: 'The policy or claim it is about' })
  subjectId!: string | null;

  @Field(() => ConversationStatusEnum)
  status!: 'OPEN' | 'CLOSED';

  @Field(() => ID, { nullable: true, description: 'Operators only: who holds the conversation' })
  assigneeId!: string | null;

  @Field(() => ID, { nullable: true, description: 'Operators only: whose conversation it is' })
  customerId!: string | null;

  @Field(() => Date)
  openedAt!: Date;

  @Field(() => Date)
  updatedAt!: Date;

  @Field(() => Date, { nullable: true })
  closedAt!: Date | null;

  @Field(() => SupportMessage, { nullable: true, description: 'The latest message the customer can see' })
  lastMessage!: SupportMessage | null;

  @Field(() => Int, {
    description:
      'For a customer: operator (and automatic) replies not read yet; for an operator: customer messages no operator has read',
  })
  unreadCount!: number;

  @Field(() => Int, { description: 'The customer has read up to this message number' })
  customerReadUpTo!: number;

  @Field(() => Int, { description: 'Operators have read up to this message number' })
  operatorReadUpTo!: number;

  @Field(() => Date, {
    nullable: true,
    description: 'Operators only: since when the oldest unanswered customer message waits',
  })
  waitingSince!: Date | null;

  @Field(() => [ID], {
    description:
      'Staff only: the claim adjusters pulled into the conversation and still in it (empty for customers)',
  })
  adjusterIds!: string[];

  @Field(() => Date, {
    nullable: true,
    description:
      'Operators only: when staff (an operator or a pulled-in adjuster) first answered; null before any answer',
  })
  firstResponseAt!: Date | null;

  @Field(() => Int, {
    nullable: true,
    description: 'Operators only: seconds from the opening to the first staff answer; null before any answer',
  })
  firstResponseSeconds!: number | null;

  @Field(() => Int, {
    nullable: true,
    description:
      'Operators only: seconds from the opening to the closing; null while open (a reopened conversation counts to its latest closing)',
  })
  resolutionSeconds!: number | null;

  @Field(() => ConversationRating, { nullable: true })
  rating!: ConversationRating | null;

  /** What it was built from, for its messages; not a field. */
  view!: ConversationView;
}

@ObjectType()
export class ConversationConnection extends Connection(Conversation) {}
