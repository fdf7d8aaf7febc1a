/** One stream per conversation, in the `conversation` category. */
export const CONVERSATION_CATEGORY = 'conversation';

export const conversationStreamId = (conversationId: string): string =>
  `${CONVERSATION_CATEGORY}-${conversationId}`;
