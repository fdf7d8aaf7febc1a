import { registerEnumType } from 'type-graphql';
import { CONVERSATION_TOPICS, type ConversationTopic } from '../domain/conversationTopic.ts';

export const ConversationTopicEnum = Object.fromEntries(
  CONVERSATION_TOPICS.map((topic) => [topic, topic]),
) as {
  readonly [T in ConversationTopic]: T;
};
registerEnumType(ConversationTopicEnum, {
  name: 'ConversationTopic',
  description:
    'GENERAL: anything; POLICY and PAYMENT: about a policy (named for POLICY); CLAIM: about a claim',
});

export const ConversationStatusEnum = { OPEN: 'OPEN', CLOSED: 'CLOSED' } as const;
registerEnumType(ConversationStatusEnum, { name: 'ConversationStatus' });

export const ConversationSideEnum = { CUSTOMER: 'CUSTOMER', OPERATOR: 'OPERATOR' } as const;
export const MessageAuthorEnum = { CUSTOMER: 'CUSTOMER', OPERATOR: 'OPERATOR', SYSTEM: 'SYSTEM' } as const;
registerEnumType(MessageAuthorEnum, {
  name: 'MessageAuthor',
  description:
    'Who wrote a message: the customer, an operator, or the system (the automatic after-hours reply)',
});

registerEnumType(ConversationSideEnum, {
  name: 'ConversationSide',
  description: 'Who wrote a message: the customer or a support operator',
});
