import { UuidScalar } from '@cabinet/platform/scalars';
import { Field, InputType } from 'type-graphql';
import type { ConversationTopic } from '../domain/conversationTopic.ts';
import { ConversationTopicEnum } from './enums.ts';

/** How the messages' `attachmentIds` arguments describe themselves. */
export const ATTACHMENT_IDS = 'Up to 5 files the writer uploaded (requestSupportAttachmentUpload)';

@InputType({
  description: 'A new conversation: its topic, the policy or claim it is about, the first message',
})
export class OpenConversationInput {
  @Field(() => ConversationTopicEnum)
  topic!: ConversationTopic;

  @Field(() => UuidScalar, {
    nullable: true,
    description: 'A policy (POLICY, PAYMENT) or claim (CLAIM) of the customer',
  })
  subjectId?: string | null;

  @Field(() => String, { description: '1 to 4 000 characters' })
  text!: string;

  @Field(() => [UuidScalar], {
    nullable: true,
    description:
      'Up to 5 files the customer uploaded (requestSupportAttachmentUpload), attached to the message',
  })
  attachmentIds?: string[] | null;
}

@InputType({ description: 'Which open conversations the queue shows' })
export class SupportQueueFilter {
  @Field(() => ConversationTopicEnum, { nullable: true })
  topic?: ConversationTopic | null;

  @Field(() => Boolean, { nullable: true, description: 'Only conversations no operator holds' })
  unassigned?: boolean | null;

  @Field(() => Boolean, { nullable: true, description: 'Only conversations the caller holds' })
  mine?: boolean | null;
}
