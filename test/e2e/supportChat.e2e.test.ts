import { execFile } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { DEMO_STAFF } from '@cabinet/demo-data';
import { openDocumentStore } from '@cabinet/platform/documents';
import { PushMessages } from '@cabinet/platform/notifications';
import { formatMoscowDateTime } from '@cabinet/platform/pdf';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { claimsCast, demoCast, demoStaffMember, uncastCustomers } from '../support/demoCast.ts';
import { submitClaim } from '../support/claimSubmission.ts';
import { eventually } from '../support/eventually.ts';
import { acceptConsent, signInAs } from '../support/gosuslugi.ts';
import { collect, graphql, wsClient } from '../support/graphqlClient.ts';
import { mailboxOf } from '../support/mailbox.ts';
import { systemClock } from '../support/systemClock.ts';
import { startTestSystem, type TestSystem } from '../support/testSystem.ts';
import { RESTART_MS, SIGNAL_MS } from '../support/timeouts.ts';

const { customer, policy, stranger } = demoCast();
const OPERATOR = demoStaffMember('support');
const SECOND_OPERATOR = DEMO_STAFF.find(
  (member) => member.roles.includes('support') && member.id !== OPERATOR.id,
)!;
const ADJUSTER = demoStaffMember('adjuster');

const CABINET_URL = 'https://lk.example.ru/';

/**
 * Business hours an hour or more after the moment the running services are at (Moscow keeps UTC+3), so
 * a test outside them stays outside however long it runs.
 */
function hoursExcluding(moment: Date): string {
  const moscowHour = (moment.getUTCHours() + 3) % 24;
  const opensAt = moscowHour <= 21 ? moscowHour + 2 : 1;
  const clock = (hour: number) => `${String(hour).padStart(2, '0')}:00`;
  return `${clock(opensAt)}-${clock(opensAt + 1)}`;
}

const customerOf = (customerId: string) =>
  ({ kind: 'customer', customerId, sessionId: randomUUID(), trusted: true }) as const;
const staffOf = (member: { id: string; roles: readonly string[] }) =>
  ({ kind: 'staff', staffId: member.id, sessionId: randomUUID(), roles: member.roles }) as never;

const CONVERSATION = /* GraphQL */ `
  fragment Seen on Conversation {
    id
    cursor
    topic
    topicLabel
    subjectId
    status
    assigneeId
    customerId
    unreadCount
    customerReadUpTo
    operatorReadUpTo
    rating {
      score
      comment
    }
    lastMessage {
      number
      author
      text
    }
    messages(first: 50) {
      totalCount
      nodes {
        number
        author
        internal
        operatorId
        text
      }
    }
  }
`;

interface SeenConversation {
  id: string;
  cursor: string;
  topic: string;
  topicLabel: string;
  subjectId: string | null;
  status: string;
  assigneeId: string | null;
  customerId: string | null;
  unreadCount: number;
  customerReadUpTo: number;
  operatorReadUpTo: number;
  rating: { score: number; comment: string | null } | null;
  lastMessage: { number: number; author: string; text: string } | null;
  messages: {
    totalCount: number;
    nodes: { number: number; author: string; internal: boolean; operatorId: string | null; text: string }[];
  };
}

/** What an operator reads of a conversation whose customer may have revoked consent. */
interface OperatorView {
  status: string;
  assigneeId: string | null;
  customerId: string | null;
  lastMessage: { text: string } | null;
  messages: { totalCount: number; nodes: { number: number; author: string; sentAt: string; text: string }[] };
}

const EXPORT_TRANSCRIPT = /* GraphQL */ `
  mutation ($id: UUID!, $view: TranscriptView) {
    exportConversationTranscript(conversationId: $id, view: $view) {
      url
      expiresAt
    }
  }
`;

/** A transcript downloaded through its link as a browser would, read as a person would with pdftotext. */
async function transcriptText(url: string): Promise<string> {
  const response = await fetch(url);
  expect(response.status).toBe(200);
  expect(response.headers.get('content-type')).toBe('application/pdf');
  const directory = await mkdtemp(join(tmpdir(), 'support-transcript-'));
  try {
    const file = join(directory, 'transcript.pdf');
    await writeFile(file, Buffer.from(await response.arrayBuffer()));
    const { stdout } = await promisify(execFile)('pdftotext', [file, '-']);
    return stdout.replace(/\s+/g, ' ');
  } finally {
    await rm(directory, { recursive: true, force: true });
  }
}

describe('the support chat through the gateway, from both sides', () => {
  let system: TestSystem;
  const tokens: Record<
    'customer' | 'stranger' | 'operator' | 'second' | 'supervisor' | 'adjuster' | 'partner',
    string
  > = { customer: '', stranger: '', operator: '', second: '', supervisor: '', adjuster: '', partner: '' };
  let conversationId: string;
  /** Where the conversation stood once opened: subscriptions resume from it. */
  let openedCursor: string;

  beforeAll(async () => {
    // Round the clock: what the walk sees must not depend on the hour it runs at (the after-hours test
    // restarts support with hours of its own). Unread replies are told of after seconds, not minutes,
    // still far longer than a customer's read takes.
    system = await startTestSystem({
      env: { SUPPORT_HOURS: 'always', SUPPORT_UNREAD_NOTICE_AFTER: '6s', CABINET_URL },
    });
    tokens.customer = await system.token(customerOf(customer.id));
    tokens.stranger = await system.token(customerOf(stranger.id));
    tokens.operator = await system.token(staffOf(OPERATOR));
    tokens.second = await system.token(staffOf(SECOND_OPERATOR));
    tokens.supervisor = await system.token(staffOf(demoStaffMember('supervisor')));
    tokens.adjuster = await system.token(staffOf(ADJUSTER));
    tokens.partner = await system.token({
      kind: 'partner',
      partnerId: randomUUID(),
      clientId: 'support-test-partner',
      scopes: ['claims:status'],
    });
  });
  afterAll(async () => {
    await system?.shutdown();
  });

  async function call<T = Record<string, SeenConversation>>(
    who: keyof typeof tokens,
    query: string,
    variables: Record<string, unknown> = {},
  ) {
    return graphql<T>(system.gatewayUrl, query, { token: tokens[who], variables });
  }

  async function change(who: keyof typeof tokens, mutation: string, variables: Record<string, unknown>) {
    const response = await call(who, `${mutation}\n${CONVERSATION}`, { id: conversationId, ...variables });
    expect(response.errors, mutation).toBeUndefined();
    return Object.values(response.data!)[0]!;
  }

  const codeOf = (response: { errors?: { extensions?: Record<string, unknown> }[] }) =>
    response.errors?.[0]?.extensions?.['code'];

  const seenBy = async (who: keyof typeof tokens) => {
    const response = await call(
      who,
      `query ($id: UUID!) { conversation(id: $id) { ...Seen } }\n${CONVERSATION}`,
      {
        id: conversationId,
      },
    );
    expect(response.errors).toBeUndefined();
    return response.data!['conversation']!;
  };

  it('a customer opens a conversation about their own policy, not about someone else’s', async () => {
    const open = `mutation ($policyId: UUID, $key: String) {
      c: openConversation(input: { topic: POLICY, subjectId: $policyId, text: "  Когда продлевать ОСАГО?  " }, idempotencyKey: $key) { ...Seen }
    }`;
    const key = `open-${randomUUID()}`;
    const opened = await call('customer', `${open}\n${CONVERSATION}`, { policyId: policy.id, key });
    expect(opened.errors).toBeUndefined();
    const conversation = opened.data!['c']!;
    conversationId = conversation.id;
    openedCursor = conversation.cursor;
    expect(conversation).toMatchObject({
      topic: 'POLICY',
      topicLabel: 'Вопрос по полису',
      subjectId: policy.id,
      status: 'OPEN',
      assigneeId: null,
      customerId: null,
      messages: {
        totalCount: 1,
        nodes: [{ number: 1, author: 'CUSTOMER', text: 'Когда продлевать ОСАГО?' }],
      },
    });
    const retried = await call('customer', `${open}\n${CONVERSATION}`, { policyId: policy.id, key });
    expect(retried.data!['c']!.id).toBe(conversationId);
    expect(retried.data!['c']!.messages.totalCount).toBe(1);

    const strangers = await call('stranger', `${open}\n${CONVERSATION}`, { policyId: policy.id, key: null });
    expect(codeOf(strangers)).toBe('SUPPORT_SUBJECT_NOT_FOUND');
    expect(strangers.errors?.[0]?.message).toBe('Полис или заявление не найдены среди ваших.');
  });

  it('refuses bad input with coded Russian errors and writes nothing', async () => {
    const send = `mutation ($id: UUID!, $text: String!) { c: sendSupportMessage(conversationId: $id, text: $text) { id } }`;
    for (const [text, code] of [
      ['   ', 'BAD_USER_INPUT'],
      ['я'.repeat(4_001), 'BAD_USER_INPUT'],
    ] as const) {
      const response = await call('customer', send, { id: conversationId, text });
      expect(codeOf(response)).toBe(code);
      expect(response.errors?.[0]?.message).toMatch(/[а-я]/);
    }
    const general = await call(
      'customer',
      `mutation { c: openConversation(input: { topic: CLAIM, text: "Где мой убыток?" }) { id } }`,
    );
    expect(general.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'subjectId' });
    expect((await seenBy('customer')).messages.totalCount).toBe(1);
  });

  it('hides the conversation from another customer, a partner and staff outside support', async () => {
    const read = `query ($id: UUID!) { conversation(id: $id) { id } }`;
    expect(codeOf(await call('stranger', read, { id: conversationId }))).toBe('CONVERSATION_NOT_FOUND');
    expect(codeOf(await call('partner', read, { id: conversationId }))).toBe('FORBIDDEN');
    expect(codeOf(await call('adjuster', read, { id: conversationId }))).toBe('FORBIDDEN');
    const queue = `query { supportQueue { totalCount } }`;
    for (const who of ['customer', 'partner', 'adjuster'] as const)
      expect(codeOf(await call(who, queue)), who).toBe('FORBIDDEN');
    const reply = `mutation ($id: UUID!) { c: replyToConversation(conversationId: $id, text: "Я оператор") { id } }`;
    expect(codeOf(await call('customer', reply, { id: conversationId }))).toBe('FORBIDDEN');
    expect(codeOf(await call('adjuster', reply, { id: conversationId }))).toBe('FORBIDDEN');
    expect(
      codeOf(
        await call('stranger', `mutation ($id: UUID!) { c: closeConversation(conversationId: $id) { id } }`, {
          id: conversationId,
        }),
      ),
    ).toBe('CONVERSATION_NOT_FOUND');
  });

  it('an operator finds it waiting in the queue, answers (taking it) and leaves a note the customer never sees', async () => {
    const queue = `query { supportQueue(filter: { unassigned: true, topic: POLICY }) { nodes { id assigneeId customerId } } }`;
    await eventually(
      async () =>
        (
          await call<{ supportQueue: { nodes: { id: string }[] } }>('operator', queue)
        ).data?.supportQueue.nodes.some((node) => node.id === conversationId),
      { what: 'the conversation in the unassigned queue' },
    );
    const replied = await change(
      'operator',
      `mutation ($id: UUID!) { c: replyToConversation(conversationId: $id, text: "Добрый день! За 30 дней до окончания.") { ...Seen } }`,
      {},
    );
    expect(replied.assigneeId).toBe(OPERATOR.id);
    expect(replied.customerId).toBe(customer.id);
    const noted = await change(
      'operator',
      `mutation ($id: UUID!) { c: addInternalNote(conversationId: $id, text: "Проверить скидку КБМ") { ...Seen } }`,
      {},
    );
    expect(noted.messages.nodes.map((node) => [node.number, node.internal])).toEqual([
      [1, false],
      [2, false],
      [3, true],
    ]);

    const seen = await seenBy('customer');
    expect(seen.messages.nodes.map((node) => node.text)).toEqual([
      'Когда продлевать ОСАГО?',
      'Добрый день! За 30 дней до окончания.',
    ]);
    expect(JSON.stringify(seen)).not.toContain('КБМ');
    expect(seen).toMatchObject({
      unreadCount: 1,
      assigneeId: null,
      lastMessage: { number: 2, author: 'OPERATOR' },
    });
  });

  it('read receipts: the customer reads the reply, the operator sees how far', async () => {
    const read = await change(
      'customer',
      `mutation ($id: UUID!) { c: markConversationRead(conversationId: $id, upToMessageNumber: 2) { ...Seen } }`,
      {},
    );
    expect(read).toMatchObject({ unreadCount: 0, customerReadUpTo: 2 });
    expect((await seenBy('operator')).customerReadUpTo).toBe(2);
    const inbox = await eventually(
      async () =>
        (
          await call<{ myConversations: { nodes: { id: string; unreadCount: number }[] } }>(
            'customer',
            `query { myConversations { nodes { id unreadCount } } }`,
          )
        ).data?.myConversations.nodes.find((node) => node.id === conversationId),
      { what: 'the read conversation in the inbox', until: (node) => node?.unreadCount === 0 },
    );
    expect(inbox).toEqual({ id: conversationId, unreadCount: 0 });
  });

  it('transfers only to a support operator in the staff register, and only by its holder', async () => {
    const transfer = `mutation ($id: UUID!, $to: UUID!) { c: transferConversation(conversationId: $id, operatorId: $to) { ...Seen } }`;
    const toAdjuster = await call('operator', `${transfer}\n${CONVERSATION}`, {
      id: conversationId,
      to: ADJUSTER.id,
    });
    expect(codeOf(toAdjuster)).toBe('SUPPORT_OPERATOR_NOT_FOUND');
    const byOther = await call('second', `${transfer}\n${CONVERSATION}`, {
      id: conversationId,
      to: SECOND_OPERATOR.id,
    });
    expect(codeOf(byOther)).toBe('CONVERSATION_ASSIGNED_ELSEWHERE');
    const moved = await change('operator', transfer, { to: SECOND_OPERATOR.id });
    expect(moved.assigneeId).toBe(SECOND_OPERATOR.id);
    const replyByFirst = await call(
      'operator',
      `mutation ($id: UUID!) { c: replyToConversation(conversationId: $id, text: "Ещё я") { id } }`,
      { id: conversationId },
    );
    expect(codeOf(replyByFirst)).toBe('CONVERSATION_ASSIGNED_ELSEWHERE');
    await eventually(
      async () =>
        (
          await call<{ supportQueue: { nodes: { id: string }[] } }>(
            'second',
            `query { supportQueue(filter: { mine: true }) { nodes { id } } }`,
          )
        ).data?.supportQueue.nodes.some((node) => node.id === conversationId),
      { what: 'the transferred conversation in the new holder’s queue' },
    );
  });

  it('the customer rates, closes and reopens; a closed conversation takes no messages', async () => {
    const rated = await change(
      'customer',
      `mutation ($id: UUID!) { c: rateConversation(conversationId: $id, score: 5, comment: "Спасибо!") { ...Seen } }`,
      {},
    );
    expect(rated.rating).toEqual({ score: 5, comment: 'Спасибо!' });
    const again = await call(
      'customer',
      `mutation ($id: UUID!) { c: rateConversation(conversationId: $id, score: 1) { id } }`,
      { id: conversationId },
    );
    expect(codeOf(again)).toBe('CONVERSATION_ALREADY_RATED');
    const closed = await change(
      'second',
      `mutation ($id: UUID!) { c: closeConversation(conversationId: $id) { ...Seen } }`,
      {},
    );
    expect(closed.status).toBe('CLOSED');
    const late = await call(
      'customer',
      `mutation ($id: UUID!) { c: sendSupportMessage(conversationId: $id, text: "Ещё вопрос") { id } }`,
      { id: conversationId },
    );
    expect(codeOf(late)).toBe('CONVERSATION_CLOSED');
    const reopened = await change(
      'customer',
      `mutation ($id: UUID!) { c: reopenConversation(conversationId: $id) { ...Seen } }`,
      {},
    );
    expect(reopened.status).toBe('OPEN');
  });

  it('attachments: uploaded through the gateway, attached to a message, downloaded by the operator, never by a stranger', async () => {
    const own = await system.token(customerOf(uncastCustomers()[2]!.id));
    const PDF = Buffer.from('%PDF-1.4\n% вложение к обращению\n%%EOF\n');
    const upload = (token: string, fileName: string, contentType: string, size: number) =>
      graphql<{ requestSupportAttachmentUpload: { attachmentId: string; uploadUrl: string } }>(
        system.gatewayUrl,
        `
          mutation ($name: String!, $type: String!, $size: Int!, $key: String!) {
            requestSupportAttachmentUpload(
              fileName: $name
              contentType: $type
              size: $size
              idempotencyKey: $key
            ) {
              attachmentId
              uploadUrl
            }
          }
        `,
        { token, variables: { name: fileName, type: contentType, size, key: randomUUID() } },
      );
    const announced = await upload(own, 'договор.pdf', 'application/pdf', PDF.length);
    expect(announced.errors).toBeUndefined();
    const { attachmentId, uploadUrl } = announced.data!.requestSupportAttachmentUpload;
    expect(uploadUrl).toMatch(
      new RegExp(`^${new URL(system.gatewayUrl).origin}/files/support/attachments/${attachmentId}\\?token=`),
    );
    const open = (token: string, attachmentIds: string[]) =>
      graphql<{ openConversation: { id: string } }>(
        system.gatewayUrl,
        'mutation ($ids: [UUID!]) { openConversation(input: { topic: GENERAL, text: "Прилагаю договор", attachmentIds: $ids }) { id } }',
        { token, variables: { ids: attachmentIds } },
      );
    // Not uploaded yet: refused with its code, and no conversation is written.
    expect(codeOf(await open(own, [attachmentId]))).toBe('SUPPORT_ATTACHMENT_NOT_UPLOADED');
    expect((await fetch(uploadUrl, { method: 'PUT', body: PDF })).status).toBe(201);
    // Another customer cannot attach it.
    expect(codeOf(await open(tokens.stranger, [attachmentId]))).toBe('SUPPORT_ATTACHMENT_NOT_FOUND');
    expect(
      codeOf(
        await open(
          own,
          Array.from({ length: 6 }, () => randomUUID()),
        ),
      ),
    ).toBe('SUPPORT_TOO_MANY_ATTACHMENTS');
    const mine = await graphql<{ myConversations: { totalCount: number } }>(
      system.gatewayUrl,
      'query { myConversations { totalCount } }',
      { token: own },
    );
    expect(mine.data!.myConversations.totalCount).toBe(0);

    const opened = await open(own, [attachmentId]);
    expect(opened.errors).toBeUndefined();
    const ATTACHMENTS = `query ($id: UUID!) { conversation(id: $id) { messages { nodes { attachments { id fileName contentType sizeBytes downloadUrl } } } } }`;
    const read = await call<{
      conversation: {
        messages: {
          nodes: {
            attachments: {
              id: string;
              fileName: string;
              contentType: string;
              sizeBytes: number;
              downloadUrl: string;
            }[];
          }[];
        };
      };
    }>('operator', ATTACHMENTS, { id: opened.data!.openConversation.id });
    expect(read.errors).toBeUndefined();
    const [file] = read.data!.conversation.messages.nodes[0]!.attachments;
    expect(file).toMatchObject({
      id: attachmentId,
      fileName: 'договор.pdf',
      contentType: 'application/pdf',
      sizeBytes: PDF.length,
    });
    const download = await fetch(file!.downloadUrl);
    expect(download.status).toBe(200);
    expect(Buffer.from(await download.arrayBuffer()).equals(PDF)).toBe(true);
    expect(codeOf(await call('stranger', ATTACHMENTS, { id: opened.data!.openConversation.id }))).toBe(
      'CONVERSATION_NOT_FOUND',
    );
    const tampered = new URL(file!.downloadUrl);
    tampered.searchParams.set('token', `${tampered.searchParams.get('token')}x`);
    expect((await fetch(tampered)).status).toBe(403);

    // A program named as a picture is refused by its bytes.
    const program = Buffer.from('MZ\x90\x00 not a picture at all');
    const masquerade = await upload(own, 'фото.png', 'image/png', program.length);
    const put = await fetch(masquerade.data!.requestSupportAttachmentUpload.uploadUrl, {
      method: 'PUT',
      body: program,
    });
    expect(put.status).toBe(415);
    expect(await put.json()).toMatchObject({ error: { code: 'DOCUMENT_TYPE_NOT_ALLOWED' } });
  });

  it('exports the transcript as a PDF through a signed link: the customer’s copy without the note, support’s with it', async () => {
    const exported = async (who: keyof typeof tokens, view: 'CUSTOMER' | 'OPERATOR' | null = null) =>
      call<{ exportConversationTranscript: { url: string; expiresAt: string } }>(who, EXPORT_TRANSCRIPT, {
        id: conversationId,
        view,
      });
    for (const [who, view, code] of [
      ['stranger', null, 'CONVERSATION_NOT_FOUND'],
      ['partner', null, 'FORBIDDEN'],
      ['adjuster', null, 'FORBIDDEN'],
      ['customer', 'OPERATOR', 'FORBIDDEN'],
    ] as const)
      expect(codeOf(await exported(who, view)), `${who} ${view}`).toBe(code);
    const read = await call<{
      conversation: { openedAt: string; messages: { nodes: { text: string; sentAt: string }[] } };
    }>(
      'operator',
      `query ($id: UUID!) { conversation(id: $id) { openedAt messages { nodes { text sentAt } } } }`,
      {
        id: conversationId,
      },
    );
    expect(read.errors).toBeUndefined();
    const { openedAt, messages } = read.data!.conversation;
    const sentAt = (text: string) =>
      formatMoscowDateTime(messages.nodes.find((message) => message.text === text)!.sentAt);

    const customers = await exported('customer');
    expect(customers.errors).toBeUndefined();
    // Links are on the gateway's origin, like every service's files.
    expect(customers.data!.exportConversationTranscript.url).toMatch(
      new RegExp(
        `^${new URL(system.gatewayUrl).origin}/files/support/conversation-transcripts/${conversationId}\\.pdf\\?token=`,
      ),
    );
    const customerCopy = await transcriptText(customers.data!.exportConversationTranscript.url);
    expect(customerCopy).toContain('Переписка со службой поддержки');
    expect(customerCopy).toContain(`Обращение: ${conversationId}`);
    expect(customerCopy).toContain('Тема: Вопрос по полису');
    expect(customerCopy).toContain(`Открыто: ${formatMoscowDateTime(openedAt)}`);
    expect(customerCopy).toContain('Оценка клиента: 5 из 5, «Спасибо!»');
    expect(customerCopy).toContain(`${sentAt('Когда продлевать ОСАГО?')} · Клиент Когда продлевать ОСАГО?`);
    expect(customerCopy).toContain(
      `${sentAt('Добрый день! За 30 дней до окончания.')} · Специалист поддержки Добрый день! За 30 дней до окончания.`,
    );
    expect(customerCopy).toContain('Специалист поддержки: Обращение закрыто');
    expect(customerCopy).toContain('Клиент: Обращение открыто снова');
    expect(customerCopy).toContain('Страница 1 из 1');
    expect(customerCopy).toContain('ИНН 7707083893');
    for (const hidden of ['КБМ', 'ВНУТРЕННЯЯ ЗАМЕТКА', OPERATOR.id, SECOND_OPERATOR.id, customer.id])
      expect(customerCopy).not.toContain(hidden);

    const supports = await exported('operator');
    expect(supports.errors).toBeUndefined();
    const supportCopy = await transcriptText(supports.data!.exportConversationTranscript.url);
    expect(supportCopy).toContain('служебная копия');
    expect(supportCopy).toContain(`Клиент: ${customer.id}`);
    expect(supportCopy).toContain(
      `${sentAt('Проверить скидку КБМ')} · Оператор ${OPERATOR.id} · ВНУТРЕННЯЯ ЗАМЕТКА — клиенту не видна Проверить скидку КБМ`,
    );
    expect(supportCopy).toContain(`Оператор ${OPERATOR.id} взял обращение в работу`);
    expect(supportCopy).toContain(`Передано оператору ${SECOND_OPERATOR.id}`);
    expect(supportCopy).toContain(`Оператор ${SECOND_OPERATOR.id}: Обращение закрыто`);
    expect(supportCopy).toContain('Страница 1 из 1');

    // The link opens this conversation's copy only, and nothing once altered
    const link = new URL(customers.data!.exportConversationTranscript.url);
    link.searchParams.set('token', `${link.searchParams.get('token')}x`);
    const tampered = await fetch(link);
    expect(tampered.status).toBe(403);
    expect(((await tampered.json()) as { error: { code: string } }).error.code).toBe('DOCUMENT_LINK_INVALID');
    // The genuine link straight at support's port, without the gateway's proof, opens nothing.
    const genuine = new URL(customers.data!.exportConversationTranscript.url);
    const bypass = await fetch(
      `${new URL(system.services.support.url).origin}${genuine.pathname.replace('/files/support/', '/files/')}${genuine.search}`,
    );
    expect(bypass.status).toBe(403);
    expect(await bypass.json()).toMatchObject({ errors: [{ extensions: { code: 'INTERNAL_ONLY' } }] });
  });

  it('shows the conversation on the customer and on the policy, through the one graph', async () => {
    const overview = await eventually(
      async () => {
        const response = await call<{ me: { conversations: { nodes: { id: string }[] } } }>(
          'customer',
          `query { me { conversations { nodes { id } } } }`,
        );
        if (response.errors) throw new Error(JSON.stringify(response.errors));
        return response.data?.me.conversations.nodes.map((node) => node.id);
      },
      { what: 'the customer’s conversations', until: (ids) => ids?.includes(conversationId) === true },
    );
    expect(overview).toContain(conversationId);
    const onPolicy = await call<{ policy: { conversations: { nodes: { id: string }[] } } }>(
      'customer',
      `query ($id: UUID!) { policy(id: $id) { conversations { nodes { id } } } }`,
      { id: policy.id },
    );
    expect(onPolicy.errors).toBeUndefined();
    expect(onPolicy.data!.policy.conversations.nodes.map((node) => node.id)).toContain(conversationId);
  });

  it('both sides follow the conversation live, resume with the cursor, and the customer never gets the note', async () => {
    const FOLLOW = `subscription ($id: UUID!, $after: String) {
      conversationEvents(conversationId: $id, after: $after) { cursor type readBy readUpTo status assigneeId message { number author internal text } }
    }`;
    type Update = {
      conversationEvents: {
        cursor: string;
        type: string;
        assigneeId: string | null;
        message: { number: number; author: string; internal: boolean; text: string } | null;
      };
    };
    const customerClient = wsClient(system.gatewayUrl, tokens.customer);
    const operatorClient = wsClient(system.gatewayUrl, tokens.second);
    try {
      const customerFeed = collect<Update>(customerClient, FOLLOW, {
        id: conversationId,
        after: openedCursor,
      });
      const operatorFeed = collect<Update>(operatorClient, FOLLOW, {
        id: conversationId,
        after: openedCursor,
      });
      const walked = [
        'ConversationAssigned',
        'OperatorReplied',
        'MessagesRead',
        'ConversationAssigned',
        'ConversationRated',
        'ConversationClosed',
        'ConversationReopened',
      ];
      const types = (feed: { received: Update[] }) =>
        feed.received.map((update) => update.conversationEvents.type);
      await customerFeed.until(walked.length, 30_000);
      await operatorFeed.until(walked.length + 1, 30_000);
      expect(types(customerFeed)).toEqual(walked);
      expect(types(operatorFeed)).toEqual([...walked.slice(0, 2), 'InternalNoteAdded', ...walked.slice(2)]);
      expect(JSON.stringify(customerFeed.received)).not.toContain('КБМ');
      expect(customerFeed.received[0]?.conversationEvents.assigneeId).toBeNull();
      expect(operatorFeed.received[0]?.conversationEvents.assigneeId).toBe(OPERATOR.id);

      await change(
        'customer',
        `mutation ($id: UUID!) { c: sendSupportMessage(conversationId: $id, text: "Вы тут?") { ...Seen } }`,
        {},
      );
      await operatorFeed.until(walked.length + 2, 30_000);
      expect(operatorFeed.received.at(-1)?.conversationEvents.message).toEqual({
        number: 4,
        author: 'CUSTOMER',
        internal: false,
        text: 'Вы тут?',
      });
      await change(
        'second',
        `mutation ($id: UUID!) { c: replyToConversation(conversationId: $id, text: "Да, слушаю") { ...Seen } }`,
        {},
      );
      await customerFeed.until(walked.length + 2, 30_000);
      expect(customerFeed.received.at(-1)?.conversationEvents.message).toEqual({
        number: 5,
        author: 'OPERATOR',
        internal: false,
        text: 'Да, слушаю',
      });

      // The customer drops off; what happens meanwhile arrives on reconnecting with the last cursor, once.
      const lastSeen = customerFeed.received.at(-1)!.conversationEvents.cursor;
      customerFeed.unsubscribe();
      await change(
        'second',
        `mutation ($id: UUID!) { c: addInternalNote(conversationId: $id, text: "перезвонить") { ...Seen } }`,
        {},
      );
      await change(
        'second',
        `mutation ($id: UUID!) { c: replyToConversation(conversationId: $id, text: "Что-то ещё?") { ...Seen } }`,
        {},
      );
      const resumed = collect<Update>(customerClient, FOLLOW, { id: conversationId, after: lastSeen });
      await resumed.until(1, 30_000);
      await change(
        'customer',
        `mutation ($id: UUID!) { c: sendSupportMessage(conversationId: $id, text: "Нет, спасибо") { ...Seen } }`,
        {},
      );
      await resumed.until(2, 30_000);
      expect(resumed.received.map((update) => update.conversationEvents.message?.text)).toEqual([
        'Что-то ещё?',
        'Нет, спасибо',
      ]);
      expect(resumed.errors).toEqual([]);
      resumed.unsubscribe();
      operatorFeed.unsubscribe();

      const QUEUE = `subscription ($after: String) { supportQueueChanged(after: $after) { cursor conversationId type } }`;
      const queueFeed = collect<{ supportQueueChanged: { conversationId: string; type: string } }>(
        operatorClient,
        QUEUE,
        { after: openedCursor },
      );
      const ours = () =>
        queueFeed.received.filter((change) => change.supportQueueChanged.conversationId === conversationId);
      await eventually(() => ours().length, {
        what: 'the queue feed replaying the conversation',
        until: (count) => count >= 13,
      });
      expect(ours()[0]?.supportQueueChanged.type).toBe('ConversationAssigned');
      queueFeed.unsubscribe();

      const refused = collect(customerClient, QUEUE, { after: null });
      await refused.until(1, 10_000).catch(() => undefined);
      expect(
        refused.errors.map((error) => (error as { extensions?: { code?: string } }).extensions?.code),
      ).toEqual(['FORBIDDEN']);
      const stranger = wsClient(system.gatewayUrl, tokens.stranger);
      try {
        const hidden = collect(stranger, FOLLOW, { id: conversationId, after: null });
        await hidden.until(1, 10_000).catch(() => undefined);
        expect(
          hidden.errors.map((error) => (error as { extensions?: { code?: string } }).extensions?.code),
        ).toEqual(['CONVERSATION_NOT_FOUND']);
      } finally {
        await stranger.dispose();
      }
    } finally {
      await customerClient.dispose();
      await operatorClient.dispose();
    }
  });

  it('the same conversation feed over SSE, resumed from the cursor, without the notes', async () => {
    const sse = await fetch(system.gatewayUrl, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        accept: 'text/event-stream',
        authorization: `Bearer ${tokens.customer}`,
      },
      body: JSON.stringify({
        query: `subscription ($id: UUID!, $after: String) { conversationEvents(conversationId: $id, after: $after) { type message { text } } }`,
        variables: { id: conversationId, after: openedCursor },
      }),
    });
    expect(sse.headers.get('content-type')).toContain('text/event-stream');
    const reader = sse.body!.getReader();
    let text = '';
    while (!text.includes('Нет, спасибо')) {
      const { value, done } = await reader.read();
      if (done) break;
      text += new TextDecoder().decode(value);
    }
    await reader.cancel();
    expect(text).toContain('"type":"ConversationReopened"');
    expect(text).toContain('Нет, спасибо');
    expect(text).not.toContain('InternalNoteAdded');
    expect(text).not.toContain('перезвонить');
  });

  it('supervisors keep the canned replies, operators read them, nobody else', async () => {
    type Reply = { id: string; title: string; text: string };
    const create = `mutation ($input: CannedReplyInput!) { createCannedReply(input: $input) { id title text } }`;
    const input = { title: ' Продление ОСАГО ', text: 'Полис можно продлить за 30 дней до окончания.' };
    expect(codeOf(await call('operator', create, { input }))).toBe('FORBIDDEN');
    expect(codeOf(await call('supervisor', create, { input: { title: ' ', text: 'x' } }))).toBe(
      'BAD_USER_INPUT',
    );
    const created = await call<{ createCannedReply: Reply }>('supervisor', create, { input });
    expect(created.errors).toBeUndefined();
    const reply = created.data!.createCannedReply;
    expect(reply).toMatchObject({ title: 'Продление ОСАГО' });

    const update = `mutation ($id: UUID!, $input: CannedReplyInput!) { updateCannedReply(id: $id, input: $input) { id text } }`;
    const updated = await call<{ updateCannedReply: Reply }>('supervisor', update, {
      id: reply.id,
      input: { title: 'Продление ОСАГО', text: 'Продлить можно в разделе «Полисы».' },
    });
    expect(updated.data?.updateCannedReply.text).toBe('Продлить можно в разделе «Полисы».');

    const list = `query { cannedReplies { id title text } }`;
    const listed = await call<{ cannedReplies: Reply[] }>('second', list);
    expect(listed.data?.cannedReplies).toEqual([
      { id: reply.id, title: 'Продление ОСАГО', text: 'Продлить можно в разделе «Полисы».' },
    ]);
    for (const who of ['customer', 'partner', 'adjuster'] as const)
      expect(codeOf(await call(who, list)), who).toBe('FORBIDDEN');

    const remove = `mutation ($id: UUID!) { deleteCannedReply(id: $id) }`;
    expect(codeOf(await call('operator', remove, { id: reply.id }))).toBe('FORBIDDEN');
    expect(
      (await call<{ deleteCannedReply: boolean }>('supervisor', remove, { id: reply.id })).data
        ?.deleteCannedReply,
    ).toBe(true);
    expect(codeOf(await call('supervisor', remove, { id: reply.id }))).toBe('CANNED_REPLY_NOT_FOUND');
  });

  it('a conversation about the customer’s own claim shows on the claim; nobody else can open one about it', async () => {
    const { own } = claimsCast();
    const holder = await system.token(customerOf(own.customer.id));
    const submitted = await submitClaim(system.gatewayUrl, holder, own.policy.id);
    expect(submitted.errors).toBeUndefined();
    const claimId = submitted.data!.submitClaim.id;
    const open = `mutation ($claimId: UUID!) { openConversation(input: { topic: CLAIM, subjectId: $claimId, text: "Когда будет решение?" }) { id topic subjectId } }`;
    const strangers = await call('stranger', open, { claimId });
    expect(codeOf(strangers)).toBe('SUPPORT_SUBJECT_NOT_FOUND');
    const opened = await graphql<{ openConversation: { id: string; subjectId: string } }>(
      system.gatewayUrl,
      open,
      {
        token: holder,
        variables: { claimId },
      },
    );
    expect(opened.errors).toBeUndefined();
    expect(opened.data?.openConversation.subjectId).toBe(claimId);
    const onClaim = await eventually(
      async () => {
        const response = await graphql<{ claim: { conversation: { id: string } | null } }>(
          system.gatewayUrl,
          `
            query ($id: UUID!) {
              claim(id: $id) {
                conversation {
                  id
                }
              }
            }
          `,
          { token: holder, variables: { id: claimId } },
        );
        if (response.errors) throw new Error(JSON.stringify(response.errors));
        return response.data?.claim.conversation?.id;
      },
      { what: 'the conversation on the claim' },
    );
    expect(onClaim).toBe(opened.data?.openConversation.id);
  });

  it('lists what support holds in myPersonalData; after the customer revokes consent, operators see the conversation’s structure with the texts erased', async () => {
    // Given a customer of their own (revoking must not touch the others' conversations) who talked to support
    const signedIn = await signInAs(system, 'newcomer');
    expect(signedIn.errors).toBeUndefined();
    const own = await acceptConsent(system, signedIn.data!.completeGosuslugiSignIn.accessToken);
    const opened = await graphql<{ openConversation: { id: string } }>(
      system.gatewayUrl,
      'mutation { openConversation(input: { topic: GENERAL, text: "Мой телефон +79161234567" }) { id } }',
      { token: own },
    );
    expect(opened.errors).toBeUndefined();
    const id = opened.data!.openConversation.id;
    const replied = await call(
      'operator',
      'mutation ($id: UUID!) { replyToConversation(conversationId: $id, text: "Перезвоним вам") { id } }',
      { id },
    );
    expect(replied.errors).toBeUndefined();
    const operatorView = async () => {
      const response = await call<{ conversation: OperatorView }>(
        'operator',
        /* GraphQL */ `
          query ($id: UUID!) {
            conversation(id: $id) {
              status
              assigneeId
              customerId
              lastMessage {
                text
              }
              messages(first: 50) {
                totalCount
                nodes {
                  number
                  author
                  sentAt
                  text
                }
              }
            }
          }
        `,
        { id },
      );
      expect(response.errors).toBeUndefined();
      return response.data!.conversation;
    };
    const before = await operatorView();
    expect(before.messages.nodes.map((message) => message.text)).toEqual([
      'Мой телефон +79161234567',
      'Перезвоним вам',
    ]);

    // And their statement of personal data lists what support holds, with this conversation
    const statement = await graphql<{
      myPersonalData: { supportDataHeld: string; supportConversations: { nodes: { id: string }[] } };
    }>(system.gatewayUrl, '{ myPersonalData { supportDataHeld supportConversations { nodes { id } } } }', {
      token: own,
    });
    expect(statement.errors).toBeUndefined();
    expect(statement.data?.myPersonalData.supportDataHeld).toMatch(/зашифрованными вашим ключом/);
    expect(statement.data?.myPersonalData.supportConversations.nodes.map((node) => node.id)).toContain(id);

    // When they revoke consent
    const revoked = await graphql(system.gatewayUrl, 'mutation { revokeConsent { revokedAt } }', {
      token: own,
    });
    expect(revoked.errors).toBeUndefined();

    // Then, once support followed identity's event, the texts read as the placeholder and the rest stays
    const erased = 'Сообщение удалено по отзыву согласия на обработку персональных данных';
    const after = await eventually(operatorView, {
      what: 'the conversation’s texts erased',
      until: (seen) => seen.lastMessage?.text === erased,
    });
    expect(after.messages.totalCount).toBe(before.messages.totalCount);
    expect(after.messages.nodes).toEqual(
      before.messages.nodes.map((message) => ({ ...message, text: erased })),
    );
    expect(after).toMatchObject({
      status: before.status,
      assigneeId: before.assigneeId,
      customerId: before.customerId,
    });
    // And support takes no new text about them
    const refused = await call(
      'operator',
      'mutation ($id: UUID!) { replyToConversation(conversationId: $id, text: "Вы тут?") { id } }',
      { id },
    );
    expect(codeOf(refused)).toBe('PERSONAL_DATA_ERASED');
    // And the transcript prints the erased texts as erased, without failing
    const transcript = await call<{ exportConversationTranscript: { url: string } }>(
      'operator',
      EXPORT_TRANSCRIPT,
      {
        id,
      },
    );
    expect(transcript.errors).toBeUndefined();
    const text = await transcriptText(transcript.data!.exportConversationTranscript.url);
    expect(text).toContain(`Клиент ${erased}`);
    expect(text).not.toContain('79161234567');
  });
  it('tells the customer of a reply left unread by one e-mail to their verified address and one push record, and of a reply read in time nothing', async () => {
    const openOne = async (text: string) => {
      const opened = await call<{ openConversation: { id: string } }>(
        'customer',
        'mutation ($text: String!) { openConversation(input: { topic: GENERAL, text: $text }) { id } }',
        { text },
      );
      expect(opened.errors).toBeUndefined();
      return opened.data!.openConversation.id;
    };
    const reply = async (id: string) => {
      const replied = await call<{ replyToConversation: { lastMessage: { number: number } } }>(
        'operator',
        'mutation ($id: UUID!) { replyToConversation(conversationId: $id, text: "Ответили") { lastMessage { number } } }',
        { id },
      );
      expect(replied.errors).toBeUndefined();
      return replied.data!.replyToConversation.lastMessage.number;
    };
    const read = await openOne('Вопрос, ответ на который я прочитаю сразу');
    const unread = await openOne('Вопрос, ответ на который я не открою');

    // Given a reply the customer reads at once, then a reply they leave unread
    const readNumber = await reply(read);
    const marked = await call(
      'customer',
      'mutation ($id: UUID!, $n: Int!) { markConversationRead(conversationId: $id, upToMessageNumber: $n) { id } }',
      { id: read, n: readNumber },
    );
    expect(marked.errors).toBeUndefined();
    await reply(unread);

    // When the notice time passes: notices are sent in the order they fall due, so once the unread
    // reply's e-mail is there, the read reply's notice was already decided
    const link = `${CABINET_URL}support/${unread}`;
    const notices = await eventually(
      async () => (await mailboxOf(system)).filter((message) => message.text.includes(unread)),
      { what: 'the notice of the unread reply e-mailed', until: (found) => found.length > 0 },
    );

    // Then exactly one e-mail for it, to the address Gosuslugi verified, linking to the conversation
    expect(notices).toHaveLength(1);
    expect(notices[0]).toMatchObject({ to: customer.email, subject: 'Ответ службы поддержки' });
    expect(notices[0]?.text).toContain(`Прочитать ответ можно в личном кабинете: ${link}`);
    expect(notices[0]?.html).toContain(`href="${link}"`);
    const greeting = `Здравствуйте, ${customer.firstName} ${customer.middleName}!`;
    expect(notices[0]?.text).toContain(greeting);
    expect(notices[0]?.html).toContain(greeting);
    for (const part of [notices[0]?.text, notices[0]?.html]) expect(part).not.toContain('Ответили');
    expect((await mailboxOf(system)).filter((message) => message.text.includes(read))).toEqual([]);
    // And one push record, for the unread reply only
    const documents = await openDocumentStore({
      database: 'support',
      sqliteFile: join(system.dataDir, 'support', 'documents.sqlite'),
    });
    try {
      const pushes = (await (await PushMessages.open(documents)).ofCustomer(customer.id)).filter((push) =>
        [read, unread].includes(push.subjectId),
      );
      expect(pushes).toEqual([
        expect.objectContaining({ subjectId: unread, link, title: 'Ответ поддержки' }),
      ]);
    } finally {
      await documents.close();
    }
  });

  it(
    'outside business hours a customer who writes gets the automatic reply saying when operators answer',
    async () => {
      // Support is restarted with hours that exclude the moment the running services are at, then
      // restored to round the clock for whatever runs after.
      const hours = hoursExcluding(systemClock());
      await system.restart('support', { SUPPORT_HOURS: hours });
      try {
        const opened = await call<{
          openConversation: { messages: { nodes: { number: number; author: string; text: string }[] } };
        }>(
          'customer',
          'mutation { openConversation(input: { topic: GENERAL, text: "Пишу ночью" }) { messages(first: 10) { nodes { number author text } } } }',
        );
        expect(opened.errors).toBeUndefined();
        const [opens, closes] = hours.split('-');
        const [written, automatic, ...more] = opened.data!.openConversation.messages.nodes;
        expect(more).toEqual([]);
        expect(written).toEqual({ number: 1, author: 'CUSTOMER', text: 'Пишу ночью' });
        expect(automatic).toMatchObject({ number: 2, author: 'SYSTEM' });
        expect(automatic?.text).toContain(
          `Сейчас нерабочее время поддержки: операторы отвечают по рабочим дням с ${opens} до ${closes} по московскому времени. Мы ответим`,
        );
      } finally {
        await system.restart('support', { SUPPORT_HOURS: 'always' });
      }
    },
    2 * RESTART_MS + SIGNAL_MS,
  );

  it('operators see per conversation when it was first answered and how long it took to close; the customer does not', async () => {
    const own = await system.token(customerOf(uncastCustomers()[0]!.id));
    const opened = await graphql<{ openConversation: { id: string } }>(
      system.gatewayUrl,
      'mutation { openConversation(input: { topic: GENERAL, text: "Сколько ждать ответа?" }) { id } }',
      { token: own },
    );
    expect(opened.errors).toBeUndefined();
    const id = opened.data!.openConversation.id;
    const times = `query ($id: UUID!) { conversation(id: $id) { openedAt firstResponseAt firstResponseSeconds resolutionSeconds } }`;
    type Times = {
      conversation: {
        openedAt: string;
        firstResponseAt: string | null;
        firstResponseSeconds: number | null;
        resolutionSeconds: number | null;
      };
    };
    const waiting = await call<Times>('operator', times, { id });
    expect(waiting.data?.conversation).toMatchObject({
      firstResponseAt: null,
      firstResponseSeconds: null,
      resolutionSeconds: null,
    });
    for (const mutation of [
      'mutation ($id: UUID!) { replyToConversation(conversationId: $id, text: "Уже отвечаем") { id } }',
      'mutation ($id: UUID!) { closeConversation(conversationId: $id) { id } }',
    ])
      expect((await call('operator', mutation, { id })).errors).toBeUndefined();
    const closed = (await call<Times>('operator', times, { id })).data!.conversation;
    expect(Date.parse(closed.firstResponseAt!)).toBeGreaterThanOrEqual(Date.parse(closed.openedAt));
    expect(closed.firstResponseSeconds).toBe(
      Math.floor((Date.parse(closed.firstResponseAt!) - Date.parse(closed.openedAt)) / 1_000),
    );
    expect(closed.resolutionSeconds).toBeGreaterThanOrEqual(closed.firstResponseSeconds!);
    const asCustomer = await graphql<Times>(system.gatewayUrl, times, { token: own, variables: { id } });
    expect(asCustomer.data?.conversation).toMatchObject({
      firstResponseAt: null,
      firstResponseSeconds: null,
      resolutionSeconds: null,
    });
  });

  it('limits a customer’s messages a minute across all their conversations, new ones included, writing nothing over it', async () => {
    // A customer of their own: the limit (10 a minute by default) counts everything they write.
    const own = await system.token(customerOf(uncastCustomers()[1]!.id));
    const open = (text: string) =>
      graphql<{ openConversation: { id: string } }>(
        system.gatewayUrl,
        'mutation ($text: String!) { openConversation(input: { topic: GENERAL, text: $text }) { id } }',
        { token: own, variables: { text } },
      );
    const first = await open('Вопрос 1');
    expect(first.errors).toBeUndefined();
    const id = first.data!.openConversation.id;
    const send = (text: string) =>
      graphql(
        system.gatewayUrl,
        'mutation ($id: UUID!, $text: String!) { sendSupportMessage(conversationId: $id, text: $text) { id } }',
        { token: own, variables: { id, text } },
      );
    for (let number = 2; number <= 5; number++)
      expect((await send(`Уточнение ${number}`)).errors).toBeUndefined();
    for (let number = 6; number <= 10; number++)
      expect((await open(`Вопрос ${number}`)).errors).toBeUndefined();

    for (const refused of [await open('Вопрос 11'), await send('Уточнение 11')]) {
      expect(refused.errors?.[0]?.extensions).toMatchObject({ code: 'SUPPORT_MESSAGE_RATE_LIMITED' });
      expect(refused.errors?.[0]?.extensions?.['retryAfterSeconds']).toBeGreaterThan(0);
      expect(refused.errors?.[0]?.message).toBe(
        'Слишком много сообщений подряд. Подождите немного и отправьте снова.',
      );
    }
    const messages = await graphql<{ conversation: { messages: { totalCount: number } } }>(
      system.gatewayUrl,
      'query ($id: UUID!) { conversation(id: $id) { messages(first: 50) { totalCount } } }',
      { token: own, variables: { id } },
    );
    expect(messages.data?.conversation.messages.totalCount).toBe(5);
    const inbox = await eventually(
      async () =>
        (
          await graphql<{ myConversations: { totalCount: number } }>(
            system.gatewayUrl,
            '{ myConversations { totalCount } }',
            { token: own },
          )
        ).data?.myConversations.totalCount,
      { what: 'the customer’s six conversations in their inbox', until: (count) => count === 6 },
    );
    expect(inbox).toBe(6);
  });

  it('an operator pulls the adjuster handling the claim into a conversation about it; they answer as staff, then leave', async () => {
    // Given a conversation about a customer's claim nobody handles yet
    const { own } = claimsCast();
    const holder = await system.token(customerOf(own.customer.id));
    const submitted = await submitClaim(system.gatewayUrl, holder, own.policy.id);
    expect(submitted.errors).toBeUndefined();
    const claimId = submitted.data!.submitClaim.id;
    const opened = await graphql<{ openConversation: { id: string; cursor: string } }>(
      system.gatewayUrl,
      'mutation ($claimId: UUID!) { openConversation(input: { topic: CLAIM, subjectId: $claimId, text: "Кто ведёт мой случай?" }) { id cursor } }',
      { token: holder, variables: { claimId } },
    );
    expect(opened.errors).toBeUndefined();
    const { id, cursor } = opened.data!.openConversation;
    const invite =
      'mutation ($id: UUID!, $a: UUID!) { inviteAdjuster(conversationId: $id, adjusterId: $a) { adjusterIds } }';
    const read =
      'query ($id: UUID!) { conversation(id: $id) { id adjusterIds messages(first: 50) { nodes { author text } } } }';

    // Then the adjuster can be pulled in neither before the claim is theirs, nor into a conversation not about a claim
    const early = await call('operator', invite, { id, a: ADJUSTER.id });
    expect(early.errors?.[0]?.extensions).toMatchObject({
      code: 'SUPPORT_ADJUSTER_NOT_ASSIGNED',
      field: 'adjusterId',
    });
    expect(early.errors?.[0]?.message).toBe('Этот сотрудник не урегулирует заявление, о котором обращение.');
    const general = await graphql<{ openConversation: { id: string } }>(
      system.gatewayUrl,
      'mutation { openConversation(input: { topic: GENERAL, text: "И ещё общий вопрос" }) { id } }',
      { token: holder },
    );
    expect(general.errors).toBeUndefined();
    expect(
      codeOf(await call('operator', invite, { id: general.data!.openConversation.id, a: ADJUSTER.id })),
    ).toBe('CONVERSATION_NOT_ABOUT_CLAIM');
    expect(codeOf(await call('adjuster', read, { id }))).toBe('FORBIDDEN');

    // When the claim is handed to the adjuster
    for (const [mutation, variables] of [
      ['mutation ($id: UUID!) { acceptClaim(id: $id) { status } }', { id: claimId }],
      [
        'mutation ($id: UUID!, $a: UUID!) { assignClaim(id: $id, adjusterId: $a) { status } }',
        { id: claimId, a: ADJUSTER.id },
      ],
    ] as const)
      expect((await call('supervisor', mutation, variables)).errors, mutation).toBeUndefined();

    // Then only that adjuster, and only by support, can be pulled in
    expect(codeOf(await call('adjuster', invite, { id, a: ADJUSTER.id }))).toBe('FORBIDDEN');
    expect(
      codeOf(await graphql(system.gatewayUrl, invite, { token: holder, variables: { id, a: ADJUSTER.id } })),
    ).toBe('FORBIDDEN');
    expect(codeOf(await call('operator', invite, { id, a: OPERATOR.id }))).toBe(
      'SUPPORT_ADJUSTER_NOT_ASSIGNED',
    );
    const invited = await call<{ inviteAdjuster: { adjusterIds: string[] } }>('operator', invite, {
      id,
      a: ADJUSTER.id,
    });
    expect(invited.errors).toBeUndefined();
    expect(invited.data?.inviteAdjuster.adjusterIds).toEqual([ADJUSTER.id]);

    // And the adjuster reads it, answers, and finds it on their claim
    const seen = await call<{
      conversation: { adjusterIds: string[]; messages: { nodes: { text: string }[] } };
    }>('adjuster', read, { id });
    expect(seen.errors).toBeUndefined();
    expect(seen.data?.conversation.messages.nodes.map((node) => node.text)).toEqual([
      'Кто ведёт мой случай?',
    ]);
    const answered = await call(
      'adjuster',
      'mutation ($id: UUID!) { replyToConversation(conversationId: $id, text: "Ваш случай веду я, решение будет завтра.") { id } }',
      { id },
    );
    expect(answered.errors).toBeUndefined();
    for (const refused of [
      'mutation ($id: UUID!) { addInternalNote(conversationId: $id, text: "Заметка") { id } }',
      'mutation ($id: UUID!) { closeConversation(conversationId: $id) { id } }',
      'query { supportQueue { totalCount } }',
    ])
      expect(codeOf(await call('adjuster', refused, { id })), refused).toBe('FORBIDDEN');
    const onClaim = await eventually(
      async () =>
        (
          await call<{ claim: { conversation: { id: string } | null } }>(
            'adjuster',
            'query ($claimId: UUID!) { claim(id: $claimId) { conversation { id } } }',
            { claimId },
          )
        ).data?.claim.conversation?.id,
      { what: 'the conversation on the adjuster’s claim' },
    );
    expect(onClaim).toBe(id);

    // And the customer sees the answer as the insurer's staff
    const customerSees = await graphql<{
      conversation: {
        adjusterIds: string[];
        messages: { nodes: { author: string; operatorId: string | null }[] };
      };
    }>(
      system.gatewayUrl,
      'query ($id: UUID!) { conversation(id: $id) { adjusterIds messages(first: 50) { nodes { author operatorId } } } }',
      { token: holder, variables: { id } },
    );
    expect(customerSees.data?.conversation.adjusterIds).toEqual([]);
    expect(customerSees.data?.conversation.messages.nodes.at(-1)).toEqual({
      author: 'OPERATOR',
      operatorId: null,
    });

    // When the adjuster leaves, they see nothing of it any more
    const left = await call<{ leaveConversation: { adjusterIds: string[] } }>(
      'adjuster',
      'mutation ($id: UUID!) { leaveConversation(conversationId: $id) { adjusterIds } }',
      { id },
    );
    expect(left.errors).toBeUndefined();
    expect(left.data?.leaveConversation.adjusterIds).toEqual([]);
    expect(codeOf(await call('adjuster', read, { id }))).toBe('FORBIDDEN');
    const removeAgain = await call(
      'operator',
      'mutation ($id: UUID!, $a: UUID!) { removeAdjuster(conversationId: $id, adjusterId: $a) { id } }',
      { id, a: ADJUSTER.id },
    );
    expect(codeOf(removeAgain)).toBe('SUPPORT_ADJUSTER_NOT_IN_CONVERSATION');

    // And the conversation's feed showed the joining and the leaving, to the customer and to operators
    const FOLLOW =
      'subscription ($id: UUID!, $after: String) { conversationEvents(conversationId: $id, after: $after) { type adjusterId } }';
    type Update = { conversationEvents: { type: string; adjusterId: string | null } };
    const customerClient = wsClient(system.gatewayUrl, holder);
    const operatorClient = wsClient(system.gatewayUrl, tokens.operator);
    try {
      const customerFeed = collect<Update>(customerClient, FOLLOW, { id, after: cursor });
      const operatorFeed = collect<Update>(operatorClient, FOLLOW, { id, after: cursor });
      const walked = ['AdjusterJoined', 'OperatorReplied', 'AdjusterLeft'];
      await customerFeed.until(walked.length, 30_000);
      await operatorFeed.until(walked.length, 30_000);
      expect(customerFeed.received.map((update) => update.conversationEvents)).toEqual(
        walked.map((type) => ({ type, adjusterId: null })),
      );
      expect(operatorFeed.received.map((update) => update.conversationEvents)).toEqual([
        { type: 'AdjusterJoined', adjusterId: ADJUSTER.id },
        { type: 'OperatorReplied', adjusterId: null },
        { type: 'AdjusterLeft', adjusterId: ADJUSTER.id },
      ]);
      customerFeed.unsubscribe();
      operatorFeed.unsubscribe();
    } finally {
      await customerClient.dispose();
      await operatorClient.dispose();
    }
  });

  it('a message or a reply retried with the same idempotency key is written once and answered as the first time; the key with another text is refused, writing nothing', async () => {
    // A customer of their own, so the walk above and the message limit are left alone.
    const own = await system.token(customerOf(uncastCustomers()[3]!.id));
    type Answer = {
      messages: { totalCount: number; nodes: { number: number; author: string; text: string }[] };
    };
    const asCustomer = <T>(query: string, variables: Record<string, unknown> = {}) =>
      graphql<T>(system.gatewayUrl, query, { token: own, variables });
    const opened = await asCustomer<{ openConversation: { id: string } }>(
      'mutation { openConversation(input: { topic: GENERAL, text: "Вопрос о повторах" }) { id } }',
    );
    expect(opened.errors).toBeUndefined();
    const id = opened.data!.openConversation.id;
    const MESSAGES = 'messages(first: 50) { totalCount nodes { number author text } }';
    const send = `mutation ($id: UUID!, $text: String!, $key: String) { c: sendSupportMessage(conversationId: $id, text: $text, idempotencyKey: $key) { ${MESSAGES} } }`;
    const reply = `mutation ($id: UUID!, $text: String!, $key: String) { c: replyToConversation(conversationId: $id, text: $text, idempotencyKey: $key) { ${MESSAGES} } }`;
    const reusedKey = (response: {
      errors?: { message: string; extensions?: Record<string, unknown> }[];
    }) => ({
      code: response.errors?.[0]?.extensions?.['code'],
      field: response.errors?.[0]?.extensions?.['field'],
      message: response.errors?.[0]?.message,
    });

    // The customer's message, sent and retried with one key
    const sendKey = randomUUID();
    const sent = await asCustomer<{ c: Answer }>(send, { id, text: 'Один раз', key: sendKey });
    const resent = await asCustomer<{ c: Answer }>(send, { id, text: 'Один раз', key: sendKey });
    expect(sent.errors).toBeUndefined();
    expect(resent).toEqual(sent);
    expect(sent.data!.c.messages.totalCount).toBe(2);
    expect(reusedKey(await asCustomer(send, { id, text: 'Другой текст', key: sendKey }))).toEqual({
      code: 'IDEMPOTENCY_KEY_REUSED',
      field: 'idempotencyKey',
      message:
        'Этот ключ идемпотентности уже использован, чтобы отправить сообщение, но с другими данными. Для нового действия нужен новый ключ.',
    });

    // The operator's reply, retried with its key after the customer wrote again
    const replyKey = randomUUID();
    const replied = await call<{ c: Answer }>('operator', reply, {
      id,
      text: 'Ответ один раз',
      key: replyKey,
    });
    expect(replied.errors).toBeUndefined();
    const followUp = await asCustomer(send, { id, text: 'Ещё вопрос', key: randomUUID() });
    expect(followUp.errors).toBeUndefined();
    const retried = await call<{ c: Answer }>('operator', reply, {
      id,
      text: 'Ответ один раз',
      key: replyKey,
    });
    expect(retried).toEqual(replied);
    expect(reusedKey(await call('operator', reply, { id, text: 'Другой ответ', key: replyKey }))).toEqual({
      code: 'IDEMPOTENCY_KEY_REUSED',
      field: 'idempotencyKey',
      message:
        'Этот ключ идемпотентности уже использован, чтобы ответить в обращении, но с другими данными. Для нового действия нужен новый ключ.',
    });

    const written = await asCustomer<{ conversation: Answer }>(
      `query ($id: UUID!) { conversation(id: $id) { ${MESSAGES} } }`,
      { id },
    );
    expect(written.data!.conversation.messages.nodes).toEqual([
      { number: 1, author: 'CUSTOMER', text: 'Вопрос о повторах' },
      { number: 2, author: 'CUSTOMER', text: 'Один раз' },
      { number: 3, author: 'OPERATOR', text: 'Ответ один раз' },
      { number: 4, author: 'CUSTOMER', text: 'Ещё вопрос' },
    ]);
  });
});
