/** What a conversation is about; POLICY and CLAIM name the customer's policy or claim as its subject. */
export const CONVERSATION_TOPICS = ['GENERAL', 'POLICY', 'PAYMENT', 'CLAIM'] as const;
export type ConversationTopic = (typeof CONVERSATION_TOPICS)[number];

/** Topics whose subject must be named: a policy id (POLICY, PAYMENT) or a claim id (CLAIM). */
export function subjectKindOf(topic: ConversationTopic): 'policy' | 'claim' | null {
  switch (topic) {
    case 'POLICY':
    case 'PAYMENT':
      return 'policy';
    case 'CLAIM':
      return 'claim';
    case 'GENERAL':
      return null;
    default: {
      const _exhaustive: never = topic;
      return _exhaustive;
    }
  }
}

export const CONVERSATION_TOPIC_LABELS: Readonly<Record<ConversationTopic, string>> = {
  GENERAL: 'Общий вопрос',
  POLICY: 'Вопрос по полису',
  PAYMENT: 'Вопрос по оплате',
  CLAIM: 'Вопрос по страховому случаю',
};
