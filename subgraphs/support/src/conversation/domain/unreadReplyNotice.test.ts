import { describe, expect, it } from 'vitest';
import type { ConversationEvent } from './conversationEvents.ts';
import {
  decideUnreadReplyNotice,
  unreadReplyNoticeDueAt,
  UNREAD_REPLY_NOTICE_STALE_AFTER_MS,
} from './unreadReplyNotice.ts';

const CONVERSATION_ID = '5a0b1c2d-3e4f-4a5b-8c6d-7e8f9a0b1c2d';
const OPERATOR_ID = 'e3c4d5e6-f7a8-4b92-acbd-2e3f4a5b6c7d';
const T0 = Date.parse('2026-03-02T09:00:00.000Z');
const MINUTE = 60_000;
const NOTICE_AFTER = 15 * MINUTE;
const base = (minute: number) => ({
  conversationId: CONVERSATION_ID,
  occurredAt: new Date(T0 + minute * MINUTE).toISOString(),
});

const opened: ConversationEvent[] = [
  {
    type: 'ConversationOpened',
    data: {
      ...base(0),
      customerId: 'c1',
      topic: 'GENERAL',
      subjectId: null,
      noticeEmail: 'ivanov@example.ru',
    },
  },
  { type: 'CustomerMessageSent', data: { ...base(0), messageId: 'm1', number: 1, text: 'Вопрос' } },
];
const reply = (number: number, minute: number): ConversationEvent => ({
  type: 'OperatorReplied',
  data: { ...base(minute), messageId: `m${number}`, number, text: 'Ответ', operatorId: OPERATOR_ID },
});
const note = (number: number, minute: number): ConversationEvent => ({
  type: 'InternalNoteAdded',
  data: { ...base(minute), messageId: `m${number}`, number, text: 'Заметка', operatorId: OPERATOR_ID },
});
const readUpTo = (upToNumber: number, minute: number): ConversationEvent => ({
  type: 'MessagesRead',
  data: { ...base(minute), side: 'CUSTOMER', readerId: 'c1', upToNumber },
});
const closedBy = (side: 'CUSTOMER' | 'OPERATOR', minute: number): ConversationEvent => ({
  type: 'ConversationClosed',
  data: { ...base(minute), side, closedBy: side === 'CUSTOMER' ? 'c1' : OPERATOR_ID },
});

/** Given the conversation's events, when the notice of reply `number` (replied at `repliedAt`) is checked at `atMinute`. */
function given(history: ConversationEvent[]) {
  return {
    whenDueFor: (number: number, repliedAt: number, atMinute = repliedAt + 15) => {
      const dueAt = unreadReplyNoticeDueAt(base(repliedAt).occurredAt, NOTICE_AFTER);
      return decideUnreadReplyNotice(history, number, dueAt, new Date(T0 + atMinute * MINUTE));
    },
  };
}

describe('the notice of an unread operator reply', () => {
  it('is due the configured time after the reply', () => {
    expect(unreadReplyNoticeDueAt(base(5).occurredAt, NOTICE_AFTER).toISOString()).toBe(base(20).occurredAt);
  });

  it('goes out when the customer has not read the reply', () => {
    expect(given([...opened, reply(2, 5)]).whenDueFor(2, 5)).toBe('NOTIFY');
  });

  it('goes out when the customer read only what came before it', () => {
    expect(given([...opened, readUpTo(1, 4), reply(2, 5), readUpTo(1, 6)]).whenDueFor(2, 5)).toBe('NOTIFY');
  });

  it('is dropped when the customer read up to the reply', () => {
    expect(given([...opened, reply(2, 5), readUpTo(2, 7)]).whenDueFor(2, 5)).toBe('READ');
  });

  it('is dropped when the customer wrote after the reply', () => {
    const answer: ConversationEvent = {
      type: 'CustomerMessageSent',
      data: { ...base(8), messageId: 'm3', number: 3, text: 'Спасибо' },
    };
    expect(given([...opened, reply(2, 5), answer]).whenDueFor(2, 5)).toBe('READ');
  });

  it('is dropped when the customer closed the conversation after the reply', () => {
    expect(given([...opened, reply(2, 5), closedBy('CUSTOMER', 6)]).whenDueFor(2, 5)).toBe(
      'CLOSED_BY_CUSTOMER',
    );
  });

  it('still goes out when the operator answered and closed the conversation', () => {
    expect(given([...opened, reply(2, 5), closedBy('OPERATOR', 6)]).whenDueFor(2, 5)).toBe('NOTIFY');
  });

  it('gives way to a later reply, which brings its own notice: one notice for a series', () => {
    const series = [...opened, reply(2, 5), reply(3, 7)];
    expect(given(series).whenDueFor(2, 5)).toBe('SUPERSEDED');
    expect(given(series).whenDueFor(3, 7)).toBe('NOTIFY');
  });

  it('is not superseded by an internal note, which never reaches the customer', () => {
    expect(given([...opened, reply(2, 5), note(3, 6)]).whenDueFor(2, 5)).toBe('NOTIFY');
  });

  it('is dropped once it has been due for more than a day, and sent just before that', () => {
    const history = [...opened, reply(2, 5)];
    const dayInMinutes = UNREAD_REPLY_NOTICE_STALE_AFTER_MS / MINUTE;
    expect(given(history).whenDueFor(2, 5, 20 + dayInMinutes)).toBe('NOTIFY');
    expect(given(history).whenDueFor(2, 5, 20 + dayInMinutes + 1)).toBe('STALE');
  });
});
