import { commandFingerprint } from '@cabinet/kernel';
import { deciderSpecification } from '@cabinet/kernel/testing';
import { describe, it } from 'vitest';
import type { ConversationCommand, RegisteredStaffMember } from './conversationCommands.ts';
import { createConversationDecider } from './conversationDecider.ts';
import type { ConversationEvent, MessageAttachment } from './conversationEvents.ts';
import type { SupportActor } from './supportActor.ts';
import { MESSAGE_MAX_LENGTH } from './supportRules.ts';
import { CUSTOMER, CUSTOMER_ID, OPERATOR } from './testing/supportActors.ts';

const CONVERSATION_ID = '5a0b1c2d-3e4f-4a5b-8c6d-7e8f9a0b1c2d';
const POLICY_ID = '6b1c2d3e-4f5a-4b6c-9d7e-8f9a0b1c2d3e';
const NOTICE_EMAIL = 'ivanov@example.ru';
const OTHER_CUSTOMER = {
  kind: 'customer',
  customerId: 'd2b3c4d5-e6f7-4a81-9bac-1d2e3f4a5b6c',
} as SupportActor;
const OTHER_OPERATOR = {
  kind: 'operator',
  staffId: 'f4d5e6f7-a8b9-4ca3-bdce-3f4a5b6c7d8e',
  supervisor: false,
} as SupportActor;
const SUPERVISOR = {
  kind: 'operator',
  staffId: 'a5e6f7a8-b9c0-4db4-8edf-4a5b6c7d8e9f',
  supervisor: true,
} as SupportActor;
const OTHER_OPERATOR_REGISTERED: RegisteredStaffMember = {
  staffId: 'f4d5e6f7-a8b9-4ca3-bdce-3f4a5b6c7d8e',
  roles: ['support'],
};

const T0 = '2026-03-02T09:00:00.000Z';
const at = (offsetSeconds: number) => new Date(Date.parse(T0) + offsetSeconds * 1000);
const iso = (offsetSeconds: number) => at(offsetSeconds).toISOString();
const base = (offsetSeconds: number) => ({ conversationId: CONVERSATION_ID, occurredAt: iso(offsetSeconds) });

const rules = { reopenWithinDays: 7, businessHours: 'ALWAYS' } as const;
const given = deciderSpecification(createConversationDecider(rules));

/** Each command a test builds is a command of its own. */
let issuedCommands = 0;

function command<Type extends ConversationCommand['type']>(
  type: Type,
  actor: SupportActor,
  data: Omit<Extract<ConversationCommand, { type: Type }>, 'type' | 'metadata'>,
  offsetSeconds = 600,
): ConversationCommand {
  issuedCommands += 1;
  const metadata = {
    actor,
    now: at(offsetSeconds),
    commandId: `${type}-${issuedCommands}`,
    fingerprint: commandFingerprint(type, data),
  };
  return { type, metadata, ...data } as ConversationCommand;
}

const opened: ConversationEvent[] = [
  {
    type: 'ConversationOpened',
    data: {
      ...base(0),
      customerId: CUSTOMER_ID,
      topic: 'POLICY',
      subjectId: POLICY_ID,
      noticeEmail: NOTICE_EMAIL,
    },
  },
  {
    type: 'CustomerMessageSent',
    data: { ...base(0), messageId: 'm1', number: 1, text: 'Когда продлевать полис?' },
  },
];
const operatorId = (actor: SupportActor) => (actor.kind === 'operator' ? actor.staffId : '');
const taken = (by: SupportActor, offset = 60): ConversationEvent => ({
  type: 'ConversationAssigned',
  data: {
    ...base(offset),
    kind: 'TAKE',
    fromOperatorId: null,
    toOperatorId: operatorId(by),
    byStaffId: operatorId(by),
  },
});
const replied = (by: SupportActor, number = 2, offset = 120): ConversationEvent => ({
  type: 'OperatorReplied',
  data: {
    ...base(offset),
    messageId: `m${number}`,
    number,
    text: 'За месяц до окончания.',
    operatorId: operatorId(by),
  },
});
const closed = (offset = 300): ConversationEvent => ({
  type: 'ConversationClosed',
  data: { ...base(offset), side: 'OPERATOR', closedBy: operatorId(OPERATOR) },
});
const answered = [...opened, taken(OPERATOR), replied(OPERATOR)];

describe('OpenConversation', () => {
  const open = (
    data: Partial<{ topic: string; subjectId: string | null; text: string }> = {},
    actor = CUSTOMER,
  ) =>
    command(
      'OpenConversation',
      actor,
      {
        conversationId: CONVERSATION_ID,
        messageId: 'm1',
        autoReplyId: 'a1',
        topic: 'POLICY',
        subjectId: POLICY_ID,
        noticeEmail: NOTICE_EMAIL,
        text: '  Когда продлевать полис?  ',
        ...data,
      } as never,
      0,
    );

  it('opens the conversation with the customer’s first message, trimmed, as number 1', () => {
    given([]).when(open()).then(opened);
  });

  it('does nothing when the same message opens it again (a retry)', () => {
    given(opened).when(open()).thenNothingHappens();
  });

  it.each([
    ['staff', OPERATOR, 'FORBIDDEN'],
    ['a supervisor', SUPERVISOR, 'FORBIDDEN'],
  ])('is refused from %s', (_who, actor, code) => {
    given([]).when(open({}, actor)).thenRefused(code);
  });

  it.each([
    ['a policy question without the policy', { subjectId: null }, 'subjectId'],
    ['a claim question without the claim', { topic: 'CLAIM', subjectId: null }, 'subjectId'],
    ['a general question naming a policy', { topic: 'GENERAL' }, 'subjectId'],
    ['an unknown topic', { topic: 'WEATHER' }, 'topic'],
    ['a blank message', { text: ' \n ' }, 'text'],
    ['a message over the limit', { text: 'я'.repeat(MESSAGE_MAX_LENGTH + 1) }, 'text'],
  ])('refuses %s', (_case, data, field) => {
    given([]).when(open(data)).thenRefused('BAD_USER_INPUT', { field });
  });

  it('takes a message of exactly the limit, counted in characters rather than UTF-16 units', () => {
    const text = '😀'.repeat(MESSAGE_MAX_LENGTH);
    given([])
      .when(open({ text }))
      .then([
        opened[0] as ConversationEvent,
        { type: 'CustomerMessageSent', data: { ...base(0), messageId: 'm1', number: 1, text } },
      ]);
  });

  it('opens a payment question with or without a policy', () => {
    given([])
      .when(open({ topic: 'PAYMENT', subjectId: null }))
      .then([
        {
          type: 'ConversationOpened',
          data: {
            ...base(0),
            customerId: CUSTOMER_ID,
            topic: 'PAYMENT',
            subjectId: null,
            noticeEmail: NOTICE_EMAIL,
          },
        },
        opened[1] as ConversationEvent,
      ]);
  });
});

describe('SendCustomerMessage', () => {
  const send = (messageId: string, offset: number, actor = CUSTOMER, text = 'И ещё вопрос') =>
    command('SendCustomerMessage', actor, { messageId, autoReplyId: `auto-${messageId}`, text }, offset);

  it('adds the next numbered message', () => {
    given(answered)
      .when(send('m3', 200))
      .then([
        {
          type: 'CustomerMessageSent',
          data: { ...base(200), messageId: 'm3', number: 3, text: 'И ещё вопрос' },
        },
      ]);
  });

  it('does nothing for a message id already written', () => {
    given(opened).when(send('m1', 200)).thenNothingHappens();
  });

  it.each([
    ['another customer', OTHER_CUSTOMER, 'CONVERSATION_NOT_FOUND'],
    ['an operator', OPERATOR, 'FORBIDDEN'],
  ])('is refused from %s', (_who, actor, code) => {
    given(opened)
      .when(send('m2', 200, actor))
      .thenRefused(code);
  });

  it('is refused to a conversation that does not exist', () => {
    given([]).when(send('m2', 200)).thenRefused('CONVERSATION_NOT_FOUND');
  });

  it('is refused to a closed conversation', () => {
    given([...answered, closed()])
      .when(send('m3', 400))
      .thenRefused('CONVERSATION_CLOSED');
  });

  const file = (n: number): MessageAttachment => ({
    attachmentId: `a${n}`,
    contentType: 'application/pdf',
    sizeBytes: 1024,
    sha256: `sha${n}`,
    fileName: `скан ${n}.pdf`,
  });
  const sendWith = (attachments: MessageAttachment[]) =>
    command(
      'SendCustomerMessage',
      CUSTOMER,
      { messageId: 'm3', autoReplyId: 'auto-m3', text: 'Прилагаю', attachments },
      200,
    );

  it('records the attached files with the message', () => {
    given(answered)
      .when(sendWith([file(1), file(2)]))
      .then([
        {
          type: 'CustomerMessageSent',
          data: {
            ...base(200),
            messageId: 'm3',
            number: 3,
            text: 'Прилагаю',
            attachments: [file(1), file(2)],
          },
        },
      ]);
  });

  it('is refused with more than five files, writing nothing', () => {
    given(answered)
      .when(sendWith([1, 2, 3, 4, 5, 6].map(file)))
      .thenRefused('SUPPORT_TOO_MANY_ATTACHMENTS');
  });
});

describe('ReplyToConversation', () => {
  const reply = (actor: SupportActor, messageId = 'm2', text = 'За месяц до окончания.') =>
    command('ReplyToConversation', actor, { messageId, text }, 120);

  it('takes an unassigned conversation for the operator who answers it', () => {
    given(opened)
      .when(reply(OPERATOR))
      .then([taken(OPERATOR, 120), replied(OPERATOR)]);
  });

  it('answers a conversation the operator holds', () => {
    given([...opened, taken(OPERATOR)])
      .when(reply(OPERATOR))
      .then([replied(OPERATOR)]);
  });

  it('lets a supervisor answer a conversation someone else holds, without taking it', () => {
    given([...opened, taken(OPERATOR)])
      .when(reply(SUPERVISOR))
      .then([replied(SUPERVISOR)]);
  });

  it.each([
    ['another operator, while someone holds it', OTHER_OPERATOR, 'CONVERSATION_ASSIGNED_ELSEWHERE'],
    ['the customer', CUSTOMER, 'FORBIDDEN'],
  ])('is refused from %s', (_who, actor, code) => {
    given([...opened, taken(OPERATOR)])
      .when(reply(actor))
      .thenRefused(code);
  });

  it('refuses an empty reply and a closed conversation', () => {
    given([...opened, taken(OPERATOR)])
      .when(reply(OPERATOR, 'm2', ''))
      .thenRefused('BAD_USER_INPUT', { field: 'text' });
    given([...answered, closed()])
      .when(reply(OPERATOR, 'm3'))
      .thenRefused('CONVERSATION_CLOSED');
  });
});

describe('AddInternalNote', () => {
  const note = (actor: SupportActor) =>
    command('AddInternalNote', actor, { messageId: 'n1', text: 'Проверить оплату' }, 130);

  it('adds a numbered note by any operator, without assigning', () => {
    given(answered)
      .when(note(OTHER_OPERATOR))
      .then([
        {
          type: 'InternalNoteAdded',
          data: {
            ...base(130),
            messageId: 'n1',
            number: 3,
            text: 'Проверить оплату',
            operatorId: operatorId(OTHER_OPERATOR),
          },
        },
      ]);
  });

  it('is refused from the customer', () => {
    given(answered).when(note(CUSTOMER)).thenRefused('FORBIDDEN');
  });
});

describe('assignment', () => {
  const take = (actor: SupportActor) => command('TakeConversation', actor, {}, 60);
  const assign = (
    actor: SupportActor,
    registered: RegisteredStaffMember | null = OTHER_OPERATOR_REGISTERED,
  ) => command('AssignConversation', actor, { operatorId: operatorId(OTHER_OPERATOR), registered }, 200);
  const transfer = (
    actor: SupportActor,
    registered: RegisteredStaffMember | null = OTHER_OPERATOR_REGISTERED,
  ) => command('TransferConversation', actor, { operatorId: operatorId(OTHER_OPERATOR), registered }, 200);
  const handedOver = (kind: 'ASSIGN' | 'TRANSFER', by: SupportActor): ConversationEvent => ({
    type: 'ConversationAssigned',
    data: {
      ...base(200),
      kind,
      fromOperatorId: operatorId(OPERATOR),
      toOperatorId: operatorId(OTHER_OPERATOR),
      byStaffId: operatorId(by),
    },
  });

  it('lets an operator take an unassigned conversation, once', () => {
    given(opened)
      .when(take(OPERATOR))
      .then([taken(OPERATOR)]);
    given([...opened, taken(OPERATOR)])
      .when(take(OPERATOR))
      .thenNothingHappens();
  });

  it('refuses taking what another operator holds, but a supervisor may', () => {
    given([...opened, taken(OPERATOR)])
      .when(take(OTHER_OPERATOR))
      .thenRefused('CONVERSATION_ASSIGNED_ELSEWHERE');
    given([...opened, taken(OPERATOR)])
      .when(take(SUPERVISOR))
      .then([
        {
          type: 'ConversationAssigned',
          data: {
            ...base(60),
            kind: 'TAKE',
            fromOperatorId: operatorId(OPERATOR),
            toOperatorId: operatorId(SUPERVISOR),
            byStaffId: operatorId(SUPERVISOR),
          },
        },
      ]);
  });

  it('lets the holder transfer to another support operator, and a supervisor assign', () => {
    given(answered)
      .when(transfer(OPERATOR))
      .then([handedOver('TRANSFER', OPERATOR)]);
    given(answered)
      .when(assign(SUPERVISOR))
      .then([handedOver('ASSIGN', SUPERVISOR)]);
  });

  it.each([
    ['the customer transferring', () => transfer(CUSTOMER), 'FORBIDDEN'],
    ['an operator assigning', () => assign(OPERATOR), 'FORBIDDEN'],
    [
      'an operator transferring what they do not hold',
      () => transfer(OTHER_OPERATOR),
      'CONVERSATION_ASSIGNED_ELSEWHERE',
    ],
    ['a transfer to nobody in the register', () => transfer(OPERATOR, null), 'SUPPORT_OPERATOR_NOT_FOUND'],
    [
      'a transfer to an adjuster',
      () => transfer(OPERATOR, { staffId: operatorId(OTHER_OPERATOR), roles: ['adjuster'] }),
      'SUPPORT_OPERATOR_NOT_FOUND',
    ],
    [
      'an assignment to an analyst',
      () => assign(SUPERVISOR, { staffId: operatorId(OTHER_OPERATOR), roles: ['analyst'] }),
      'SUPPORT_OPERATOR_NOT_FOUND',
    ],
  ])('refuses %s', (_case, make, code) => {
    given(answered).when(make()).thenRefused(code);
  });

  it('refuses handing over a closed conversation', () => {
    given([...answered, closed()])
      .when(transfer(OPERATOR))
      .thenRefused('CONVERSATION_CLOSED');
  });
});

describe('MarkConversationRead', () => {
  const read = (actor: SupportActor, upToNumber: number) =>
    command('MarkConversationRead', actor, { upToNumber }, 150);

  it('records how far the customer has read, once', () => {
    given(answered)
      .when(read(CUSTOMER, 2))
      .then([
        {
          type: 'MessagesRead',
          data: {
            ...base(150),
            side: 'CUSTOMER',
            readerId: CUSTOMER_ID,
            upToNumber: 2,
          },
        },
      ]);
    given(answered).when(read(CUSTOMER, 1)).thenNothingHappens();
  });

  it('records how far the operators have read', () => {
    given(opened)
      .when(read(OPERATOR, 1))
      .then([
        {
          type: 'MessagesRead',
          data: { ...base(150), side: 'OPERATOR', readerId: operatorId(OPERATOR), upToNumber: 1 },
        },
      ]);
  });

  it.each([0, 3, 1.5])('refuses message number %s', (upTo) => {
    given(answered).when(read(CUSTOMER, upTo)).thenRefused('BAD_USER_INPUT', { field: 'upToMessageNumber' });
  });

  it('hides the conversation from another customer', () => {
    given(answered).when(read(OTHER_CUSTOMER, 2)).thenRefused('CONVERSATION_NOT_FOUND');
  });
});

describe('closing, reopening and rating', () => {
  const close = (actor: SupportActor) => command('CloseConversation', actor, {}, 300);
  const reopen = (actor: SupportActor, offset: number) => command('ReopenConversation', actor, {}, offset);
  const rate = (score: number, comment: string | null = ' Спасибо ', offset = 400, actor = CUSTOMER) =>
    command('RateConversation', actor, { score, comment }, offset);
  const DAY = 24 * 60 * 60;

  it('closes by the customer or the holding operator, once', () => {
    given(answered)
      .when(close(CUSTOMER))
      .then([
        {
          type: 'ConversationClosed',
          data: {
            ...base(300),
            side: 'CUSTOMER',
            closedBy: CUSTOMER_ID,
          },
        },
      ]);
    given(answered).when(close(OPERATOR)).then([closed()]);
    given([...answered, closed()])
      .when(close(OPERATOR))
      .thenNothingHappens();
    given(answered).when(close(OTHER_OPERATOR)).thenRefused('CONVERSATION_ASSIGNED_ELSEWHERE');
  });

  it('reopens for the customer within the configured days, not after', () => {
    given([...answered, closed()])
      .when(reopen(CUSTOMER, 300 + 7 * DAY))
      .then([
        {
          type: 'ConversationReopened',
          data: {
            ...base(300 + 7 * DAY),
            customerId: CUSTOMER_ID,
          },
        },
      ]);
    given([...answered, closed()])
      .when(reopen(CUSTOMER, 301 + 7 * DAY))
      .thenRefused('CONVERSATION_REOPEN_EXPIRED', { reopenWithinDays: 7 });
  });

  it.each([
    ['an open conversation', answered, CUSTOMER, 'CONVERSATION_NOT_CLOSED'],
    ['an operator', [...answered, closed()], OPERATOR, 'FORBIDDEN'],
  ])('refuses reopening %s', (_case, history, actor, code) => {
    given(history).when(reopen(actor, 400)).thenRefused(code);
  });

  it('takes one rating, trimmed, after an operator answered or after closing', () => {
    given(answered)
      .when(rate(5))
      .then([{ type: 'ConversationRated', data: { ...base(400), score: 5, comment: 'Спасибо' } }]);
    given([...opened, closed()])
      .when(rate(1, '  '))
      .then([{ type: 'ConversationRated', data: { ...base(400), score: 1, comment: null } }]);
  });

  const rated: ConversationEvent = {
    type: 'ConversationRated',
    data: { ...base(350), score: 4, comment: null },
  };
  it.each([
    ['before anyone answered', opened, 5, 'CONVERSATION_NOT_RATEABLE'],
    ['twice', [...answered, rated], 5, 'CONVERSATION_ALREADY_RATED'],
    ['with a score of 0', answered, 0, 'BAD_USER_INPUT'],
    ['with a score of 6', answered, 6, 'BAD_USER_INPUT'],
  ])('refuses a rating %s', (_case, history, score, code) => {
    given(history).when(rate(score)).thenRefused(code);
  });

  it('refuses a rating from an operator', () => {
    given(answered)
      .when(rate(5, null, 400, OPERATOR))
      .thenRefused('FORBIDDEN');
  });
});

describe('outside business hours', () => {
  /** T0 is 12:00 Moscow time on Monday 2 March 2026; support answers 09:00–18:00 on working days. */
  const hours = { opensAtMinute: 9 * 60, closesAtMinute: 18 * 60 };
  const afterHours = deciderSpecification(createConversationDecider({ ...rules, businessHours: hours }));
  const EVENING = 8 * 60 * 60; // 20:00 Moscow time
  const autoReply = (number: number, offset: number): ConversationEvent => ({
    type: 'AutoReplySent',
    data: {
      ...base(offset),
      messageId: `auto-m${number - 1}`,
      number,
      text: 'Сейчас нерабочее время поддержки: операторы отвечают по рабочим дням с 09:00 до 18:00 по московскому времени. Мы ответим 03.03.2026 после 09:00.',
      answerExpectedAt: '2026-03-03T06:00:00.000Z',
    },
  });
  const send = (number: number, offset: number) =>
    command(
      'SendCustomerMessage',
      CUSTOMER,
      { messageId: `m${number}`, autoReplyId: `auto-m${number}`, text: 'Вопрос' },
      offset,
    );
  const sent = (number: number, offset: number): ConversationEvent => ({
    type: 'CustomerMessageSent',
    data: { ...base(offset), messageId: `m${number}`, number, text: 'Вопрос' },
  });

  it('answers the customer automatically, saying when operators will', () => {
    afterHours(answered)
      .when(send(3, EVENING))
      .then([sent(3, EVENING), autoReply(4, EVENING)]);
  });

  it('answers automatically once until an operator replies', () => {
    afterHours([...answered, sent(3, EVENING), autoReply(4, EVENING)])
      .when(send(5, EVENING + 60))
      .then([sent(5, EVENING + 60)]);
  });

  it('stays silent within business hours', () => {
    afterHours(answered)
      .when(send(3, 600))
      .then([sent(3, 600)]);
  });
});

describe('pulling the claim’s adjuster in', () => {
  const CLAIM_ID = '7c2d3e4f-5a6b-4c7d-8e9f-0a1b2c3d4e5f';
  const ADJUSTER_ID = 'b6f7a8b9-c0d1-4ec5-9fa0-5b6c7d8e9fa0';
  const ADJUSTER = { kind: 'adjuster', staffId: ADJUSTER_ID } as SupportActor;
  const OTHER_ADJUSTER = {
    kind: 'adjuster',
    staffId: 'c7a8b9c0-d1e2-4fd6-a0b1-6c7d8e9fa0b1',
  } as SupportActor;
  const registeredAdjuster: RegisteredStaffMember = { staffId: ADJUSTER_ID, roles: ['adjuster'] };
  const aboutClaim: ConversationEvent[] = [
    {
      type: 'ConversationOpened',
      data: { ...base(0), customerId: CUSTOMER_ID, topic: 'CLAIM', subjectId: CLAIM_ID },
    },
    { type: 'CustomerMessageSent', data: { ...base(0), messageId: 'm1', number: 1, text: 'Когда решение?' } },
    taken(OPERATOR),
  ];
  const invite = (
    data: Partial<{ registered: RegisteredStaffMember | null; claimAdjusterId: string | null }> = {},
    actor = OPERATOR,
  ) =>
    command(
      'InviteAdjuster',
      actor,
      { adjusterId: ADJUSTER_ID, registered: registeredAdjuster, claimAdjusterId: ADJUSTER_ID, ...data },
      200,
    );
  const joined: ConversationEvent = {
    type: 'AdjusterJoined',
    data: { ...base(200), adjusterId: ADJUSTER_ID, claimId: CLAIM_ID, byStaffId: operatorId(OPERATOR) },
  };
  const left = (by: string, offset = 400): ConversationEvent => ({
    type: 'AdjusterLeft',
    data: { ...base(offset), adjusterId: ADJUSTER_ID, byStaffId: by },
  });
  const remove = (actor: SupportActor, offset = 400) =>
    command('RemoveAdjuster', actor, { adjusterId: ADJUSTER_ID }, offset);

  it('lets the holder pull in the adjuster the claims service names as handling the claim, once', () => {
    given(aboutClaim).when(invite()).then([joined]);
    given([...aboutClaim, joined])
      .when(invite())
      .thenNothingHappens();
  });

  it.each([
    ['not handling this claim', { claimAdjusterId: 'c7a8b9c0-d1e2-4fd6-a0b1-6c7d8e9fa0b1' }],
    ['when the claim has no adjuster', { claimAdjusterId: null }],
    ['not in the staff register', { registered: null }],
    ['without the adjuster role', { registered: { staffId: ADJUSTER_ID, roles: ['support'] } }],
  ] as const)('refuses a staff member %s', (_case, data) => {
    given(aboutClaim)
      .when(invite(data))
      .thenRefused('SUPPORT_ADJUSTER_NOT_ASSIGNED', { field: 'adjusterId', adjusterId: ADJUSTER_ID });
  });

  it('refuses to pull an adjuster into a conversation not about a claim', () => {
    given([...opened, taken(OPERATOR)])
      .when(invite())
      .thenRefused('CONVERSATION_NOT_ABOUT_CLAIM');
  });

  it('is refused to the customer, an adjuster, another operator than the holder, and on a closed conversation', () => {
    given(aboutClaim).when(invite({}, CUSTOMER)).thenRefused('FORBIDDEN');
    given(aboutClaim).when(invite({}, ADJUSTER)).thenRefused('FORBIDDEN');
    given(aboutClaim).when(invite({}, OTHER_OPERATOR)).thenRefused('CONVERSATION_ASSIGNED_ELSEWHERE');
    given([...aboutClaim, closed()])
      .when(invite())
      .thenRefused('CONVERSATION_CLOSED');
  });

  it('the adjuster in it answers as staff without taking the conversation', () => {
    given([...aboutClaim, joined])
      .when(command('ReplyToConversation', ADJUSTER, { messageId: 'm2', text: 'Решение будет завтра.' }, 300))
      .then([
        {
          type: 'OperatorReplied',
          data: {
            ...base(300),
            messageId: 'm2',
            number: 2,
            text: 'Решение будет завтра.',
            operatorId: ADJUSTER_ID,
          },
        },
      ]);
  });

  it('an adjuster not in it, or no longer in it, does nothing there', () => {
    const reply = command('ReplyToConversation', ADJUSTER, { messageId: 'm2', text: 'Здравствуйте' }, 300);
    given(aboutClaim).when(reply).thenRefused('FORBIDDEN');
    given([...aboutClaim, joined, left(ADJUSTER_ID)])
      .when(reply)
      .thenRefused('FORBIDDEN');
    given([...aboutClaim, joined])
      .when(command('ReplyToConversation', OTHER_ADJUSTER, { messageId: 'm2', text: 'Здравствуйте' }, 300))
      .thenRefused('FORBIDDEN');
  });

  it('the adjuster in it may not leave notes, mark messages read or close it', () => {
    for (const refused of [
      command('AddInternalNote', ADJUSTER, { messageId: 'm2', text: 'Заметка' }, 300),
      command('MarkConversationRead', ADJUSTER, { upToNumber: 1 }, 300),
      command('CloseConversation', ADJUSTER, {}, 300),
    ])
      given([...aboutClaim, joined])
        .when(refused)
        .thenRefused('FORBIDDEN');
  });

  it('the adjuster leaves, or the holder removes them; nobody removes one who is not in it', () => {
    given([...aboutClaim, joined])
      .when(remove(ADJUSTER))
      .then([left(ADJUSTER_ID)]);
    given([...aboutClaim, joined])
      .when(remove(OPERATOR))
      .then([left(operatorId(OPERATOR))]);
    given(aboutClaim)
      .when(remove(OPERATOR))
      .thenRefused('SUPPORT_ADJUSTER_NOT_IN_CONVERSATION', { field: 'adjusterId', adjusterId: ADJUSTER_ID });
    given([...aboutClaim, joined])
      .when(command('RemoveAdjuster', CUSTOMER, { adjusterId: ADJUSTER_ID }, 400))
      .thenRefused('FORBIDDEN');
  });
});
