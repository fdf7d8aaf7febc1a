import { describe, expect, it } from 'vitest';
import type { ConversationEvent } from '../../conversation/domain/conversationEvents.ts';
import { ERASED_MESSAGE_TEXT } from '../../conversation/domain/erasedTexts.ts';
import { conversationTranscript, OPERATOR_AS_CUSTOMERS_SEE } from './transcriptReport.ts';

const CONVERSATION = '5a0b1c2d-3e4f-4a5b-8c6d-7e8f9a0b1c2d';
const CUSTOMER = 'c1a2b3c4-d5e6-4f70-8a9b-0c1d2e3f4a5b';
const POLICY = '7b6a5c4d-3e2f-4a1b-9c8d-7e6f5a4b3c2d';
const FIRST = 'e3c4d5e6-f7a8-4b92-acbd-2e3f4a5b6c7d';
const SECOND = 'f4d5e6f7-a8b9-4ca3-bdce-3f4a5b6c7d8e';
const SUPERVISOR = 'a5e6f7a8-b9c0-4db4-8edf-4a5b6c7d8e9f';
/** 2026-03-02 09:00 UTC is 12:00 in Moscow. */
const T0 = Date.parse('2026-03-02T09:00:00.000Z');
const at = (minutes: number) => new Date(T0 + minutes * 60_000).toISOString();
const GENERATED = new Date('2026-03-05T21:30:00.000Z');

const base = (minutes: number) => ({ conversationId: CONVERSATION, occurredAt: at(minutes) });
const message = (number: number, text: string) => ({ messageId: `m-${number}`, number, text });

const WALK: readonly ConversationEvent[] = [
  {
    type: 'ConversationOpened',
    data: { ...base(0), customerId: CUSTOMER, topic: 'POLICY', subjectId: POLICY },
  },
  { type: 'CustomerMessageSent', data: { ...base(0), ...message(1, 'Когда продлевать ОСАГО?') } },
  {
    type: 'ConversationAssigned',
    data: { ...base(5), kind: 'TAKE', fromOperatorId: null, toOperatorId: FIRST, byStaffId: FIRST },
  },
  {
    type: 'OperatorReplied',
    data: { ...base(6), ...message(2, 'За 30 дней до окончания.'), operatorId: FIRST },
  },
  {
    type: 'InternalNoteAdded',
    data: { ...base(7), ...message(3, 'Проверить скидку КБМ'), operatorId: FIRST },
  },
  { type: 'MessagesRead', data: { ...base(8), side: 'CUSTOMER', readerId: CUSTOMER, upToNumber: 2 } },
  {
    type: 'ConversationAssigned',
    data: { ...base(9), kind: 'TRANSFER', fromOperatorId: FIRST, toOperatorId: SECOND, byStaffId: FIRST },
  },
  {
    type: 'ConversationAssigned',
    data: { ...base(10), kind: 'ASSIGN', fromOperatorId: SECOND, toOperatorId: FIRST, byStaffId: SUPERVISOR },
  },
  { type: 'ConversationRated', data: { ...base(11), score: 5, comment: 'Спасибо!' } },
  { type: 'ConversationClosed', data: { ...base(12), side: 'OPERATOR', closedBy: FIRST } },
];

describe('a conversation transcript', () => {
  it('gives the customer both sides’ messages with Moscow times, never the note, the assignments or staff ids', () => {
    const report = conversationTranscript(WALK, 'CUSTOMER', GENERATED);

    expect(report).toMatchObject({
      title: 'Переписка со службой поддержки',
      conversationId: CONVERSATION,
      topic: 'Вопрос по полису',
      subjectId: null,
      customerId: null,
      openedAt: '02.03.2026, 12:00',
      closedAt: '02.03.2026, 12:12',
      status: 'Закрыто',
      rating: '5 из 5, «Спасибо!»',
      generatedAt: '06.03.2026, 00:30',
    });
    expect(report.entries).toEqual([
      { at: '02.03.2026, 12:00', kind: 'EVENT', who: 'Клиент', text: 'Обращение открыто' },
      { at: '02.03.2026, 12:00', kind: 'MESSAGE', who: 'Клиент', text: 'Когда продлевать ОСАГО?' },
      {
        at: '02.03.2026, 12:06',
        kind: 'MESSAGE',
        who: OPERATOR_AS_CUSTOMERS_SEE,
        text: 'За 30 дней до окончания.',
      },
      { at: '02.03.2026, 12:11', kind: 'EVENT', who: 'Клиент', text: 'Оценка: 5 из 5, «Спасибо!»' },
      { at: '02.03.2026, 12:12', kind: 'EVENT', who: OPERATOR_AS_CUSTOMERS_SEE, text: 'Обращение закрыто' },
    ]);
    const printed = JSON.stringify(report);
    for (const hidden of ['КБМ', FIRST, SECOND, SUPERVISOR, CUSTOMER, POLICY])
      expect(printed).not.toContain(hidden);
  });

  it('gives support everything: the note marked, who took, transferred and assigned it, whose it is', () => {
    const report = conversationTranscript(WALK, 'OPERATOR', GENERATED);

    expect(report).toMatchObject({
      title: 'Переписка с клиентом — служебная копия',
      subjectId: POLICY,
      customerId: CUSTOMER,
    });
    expect(report.entries.map(({ kind, who, text }) => [kind, who, text])).toEqual([
      ['EVENT', 'Клиент', 'Обращение открыто'],
      ['MESSAGE', 'Клиент', 'Когда продлевать ОСАГО?'],
      ['EVENT', 'Поддержка', `Оператор ${FIRST} взял обращение в работу`],
      ['MESSAGE', `Оператор ${FIRST}`, 'За 30 дней до окончания.'],
      ['INTERNAL_NOTE', `Оператор ${FIRST}`, 'Проверить скидку КБМ'],
      ['EVENT', 'Поддержка', `Передано оператору ${SECOND} (передал ${FIRST})`],
      ['EVENT', 'Поддержка', `Назначено оператору ${FIRST} (назначил ${SUPERVISOR})`],
      ['EVENT', 'Клиент', 'Оценка: 5 из 5, «Спасибо!»'],
      ['EVENT', `Оператор ${FIRST}`, 'Обращение закрыто'],
    ]);
  });

  it('shows a reopened conversation as open, without a closing date or a rating never given', () => {
    const reopened: ConversationEvent[] = [
      ...WALK.filter((event) => event.type !== 'ConversationRated'),
      { type: 'ConversationReopened', data: { ...base(20), customerId: CUSTOMER } },
    ];

    const report = conversationTranscript(reopened, 'CUSTOMER', GENERATED);

    expect(report).toMatchObject({ status: 'Открыто', closedAt: null, rating: null });
    expect(report.entries.at(-1)).toEqual({
      at: '02.03.2026, 12:20',
      kind: 'EVENT',
      who: 'Клиент',
      text: 'Обращение открыто снова',
    });
  });

  it('prints erased texts as the log reads them after consent was revoked', () => {
    const erased = WALK.map((event) =>
      event.type === 'CustomerMessageSent'
        ? { ...event, data: { ...event.data, text: ERASED_MESSAGE_TEXT } }
        : event,
    );

    expect(conversationTranscript(erased, 'CUSTOMER', GENERATED).entries[1]?.text).toBe(ERASED_MESSAGE_TEXT);
  });

  it('refuses to make a transcript of a stream that never opened a conversation', () => {
    expect(() => conversationTranscript(WALK.slice(1), 'OPERATOR', GENERATED)).toThrow(/never opened/);
  });
});
