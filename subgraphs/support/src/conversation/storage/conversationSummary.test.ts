import { describe, expect, it } from 'vitest';
import type { ConversationEvent } from '../domain/conversationEvents.ts';
import { summarize, type ConversationSummary } from './conversationSummary.ts';

const base = {
  conversationId: '5a0b1c2d-3e4f-4a5b-8c6d-7e8f9a0b1c2d',
  occurredAt: '2026-03-02T17:00:00.000Z',
};
const events: ConversationEvent[] = [
  { type: 'ConversationOpened', data: { ...base, customerId: 'c1', topic: 'GENERAL', subjectId: null } },
  { type: 'CustomerMessageSent', data: { ...base, messageId: 'm1', number: 1, text: 'Здравствуйте' } },
  {
    type: 'AutoReplySent',
    data: {
      ...base,
      messageId: 'a1',
      number: 2,
      text: 'Сейчас нерабочее время',
      answerExpectedAt: '2026-03-03T06:00:00.000Z',
    },
  },
];

describe('a conversation summary', () => {
  it('shows the automatic reply to the customer as unread, while the queue still waits for an operator', () => {
    let summary: ConversationSummary | null = null;
    events.forEach((event, index) => {
      summary = summarize(summary, event, { revision: BigInt(index), position: String(index + 1) });
    });
    expect(summary).toMatchObject({
      lastMessage: { number: 2, side: 'SYSTEM', text: 'Сейчас нерабочее время' },
      unreadReplyNumbers: [2],
      waitingSince: base.occurredAt,
      firstResponseAt: null,
      operatorReadUpTo: 0,
      unreadCustomerNumbers: [1],
      revision: 2,
      cursor: '3',
    });
  });
});
