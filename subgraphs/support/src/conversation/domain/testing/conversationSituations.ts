import { commandFingerprint } from '@cabinet/kernel';
import type { ConversationCommand, ConversationCommandType } from '../conversationCommands.ts';
import { createConversationDecider } from '../conversationDecider.ts';
import type { ConversationEvent } from '../conversationEvents.ts';
import type { SupportActor } from '../supportActor.ts';
import type { SupportRules } from '../supportRules.ts';
import { CUSTOMER, OPERATOR } from './supportActors.ts';

export const CONVERSATION_ID = '5a0b1c2d-3e4f-4a5b-8c6d-7e8f9a0b1c2d';
const CLAIM_ID = '7c2d3e4f-5a6b-4c7d-8e9f-0a1b2c3d4e5f';
const OTHER_OPERATOR_ID = 'f4d5e6f7-a8b9-4ca3-bdce-3f4a5b6c7d8e';
const ADJUSTER_ID = 'b6f7a8b9-c0d1-4ec5-9fa0-5b6c7d8e9fa0';
const SUPERVISOR: SupportActor = {
  kind: 'operator',
  staffId: 'a5e6f7a8-b9c0-4db4-8edf-4a5b6c7d8e9f',
  supervisor: true,
};

/** Operators answer 9:00–18:00 Moscow time; the commands come in the evening, so customers get the automatic reply. */
export const RULES: SupportRules = {
  reopenWithinDays: 7,
  businessHours: { opensAtMinute: 9 * 60, closesAtMinute: 18 * 60 },
};
const EVENING = new Date('2026-03-02T20:00:00+03:00');

export const conversationDecider = createConversationDecider(RULES);

function issued<Type extends ConversationCommandType>(
  type: Type,
  actor: SupportActor,
  data: Omit<Extract<ConversationCommand, { type: Type }>, 'type' | 'metadata'>,
): ConversationCommand {
  const metadata = {
    actor,
    now: EVENING,
    commandId: `${type}-1`,
    fingerprint: commandFingerprint(type, data),
  };
  return { type, metadata, ...data } as ConversationCommand;
}

/** Each command, issued by someone entitled to it; the situations are made of these very commands. */
export const MATRIX: Readonly<Record<ConversationCommandType, ConversationCommand>> = {
  OpenConversation: issued('OpenConversation', CUSTOMER, {
    conversationId: CONVERSATION_ID,
    messageId: 'm-open',
    autoReplyId: 'a-open',
    topic: 'CLAIM',
    subjectId: CLAIM_ID,
    noticeEmail: 'ivanov@example.ru',
    noticeName: 'Иван Иванович',
    text: 'Когда выплата?',
  }),
  SendCustomerMessage: issued('SendCustomerMessage', CUSTOMER, {
    messageId: 'm-send',
    autoReplyId: 'a-send',
    text: 'Спасибо, жду.',
  }),
  ReplyToConversation: issued('ReplyToConversation', OPERATOR, {
    messageId: 'm-reply',
    text: 'Проверяем документы.',
  }),
  AddInternalNote: issued('AddInternalNote', OPERATOR, {
    messageId: 'm-note',
    text: 'Уточнить у урегулировщика.',
  }),
  TakeConversation: issued('TakeConversation', OPERATOR, {}),
  AssignConversation: issued('AssignConversation', SUPERVISOR, {
    operatorId: OTHER_OPERATOR_ID,
    registered: { staffId: OTHER_OPERATOR_ID, roles: ['support'] },
  }),
  TransferConversation: issued('TransferConversation', OPERATOR, {
    operatorId: OTHER_OPERATOR_ID,
    registered: { staffId: OTHER_OPERATOR_ID, roles: ['support'] },
  }),
  MarkConversationRead: issued('MarkConversationRead', OPERATOR, { upToNumber: 1 }),
  CloseConversation: issued('CloseConversation', CUSTOMER, {}),
  ReopenConversation: issued('ReopenConversation', CUSTOMER, {}),
  RateConversation: issued('RateConversation', CUSTOMER, { score: 5, comment: null }),
  InviteAdjuster: issued('InviteAdjuster', OPERATOR, {
    adjusterId: ADJUSTER_ID,
    registered: { staffId: ADJUSTER_ID, roles: ['adjuster'] },
    claimAdjusterId: ADJUSTER_ID,
  }),
  RemoveAdjuster: issued('RemoveAdjuster', OPERATOR, { adjusterId: ADJUSTER_ID }),
};

/** The events of `command` as the conversation's stream gives them back: with the command that recorded them. */
export function recordedBy(
  command: ConversationCommand,
  events: readonly ConversationEvent[],
): ConversationEvent[] {
  const { commandId, fingerprint: commandFingerprint } = command.metadata;
  return events.map((event) => ({ ...event, commandId, commandFingerprint }));
}

/** The stream after these commands, each recorded as its first time decided it. */
function historyOf(...types: ConversationCommandType[]): ConversationEvent[] {
  const { decide, evolve, initialState } = conversationDecider;
  let state = initialState;
  const history: ConversationEvent[] = [];
  for (const type of types) {
    const events = recordedBy(MATRIX[type], decide(MATRIX[type], state));
    if (events.length === 0) throw new Error(`${type} records nothing in this situation`);
    history.push(...events);
    state = events.reduce(evolve, state);
  }
  return history;
}

export type Situation = keyof typeof SITUATIONS;

/** Every situation the rules tell apart, as the stream holds it. */
export const SITUATIONS = {
  opened: historyOf('OpenConversation'),
  read: historyOf('OpenConversation', 'MarkConversationRead'),
  taken: historyOf('OpenConversation', 'TakeConversation'),
  /** The reply took the unassigned conversation: one command, two events. */
  answered: historyOf('OpenConversation', 'ReplyToConversation'),
  followedUp: historyOf('OpenConversation', 'ReplyToConversation', 'SendCustomerMessage', 'AddInternalNote'),
  assigned: historyOf('OpenConversation', 'AssignConversation'),
  transferred: historyOf('OpenConversation', 'TakeConversation', 'TransferConversation'),
  withAdjuster: historyOf('OpenConversation', 'TakeConversation', 'InviteAdjuster'),
  adjusterRemoved: historyOf('OpenConversation', 'TakeConversation', 'InviteAdjuster', 'RemoveAdjuster'),
  closed: historyOf('OpenConversation', 'ReplyToConversation', 'SendCustomerMessage', 'CloseConversation'),
  rated: historyOf('OpenConversation', 'ReplyToConversation', 'CloseConversation', 'RateConversation'),
  reopened: historyOf('OpenConversation', 'ReplyToConversation', 'CloseConversation', 'ReopenConversation'),
} satisfies Record<string, ConversationEvent[]>;
