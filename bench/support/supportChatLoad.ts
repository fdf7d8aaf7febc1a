/**
 * The support chat under load through the gateway: every conversation has its own customer and is held
 * by an operator; customers follow their conversation, operators the conversations they hold (one socket
 * each, as many conversations as a socket may carry subscriptions) and a few more operators the whole
 * queue. Messages go both ways, round robin over the conversations, so each customer writes at an even
 * pace. Every participant connects and calls from a loopback address of its own, as real ones come from
 * their own machines, so the gateway's limits per caller and per address apply unchanged.
 */
import { randomUUID } from 'node:crypto';
import { importIdentityRecords } from '@cabinet/identity/data-import';
import { graphqlFrom } from '../../test/support/clientAddress.ts';
import type { TestSystem } from '../../test/support/testSystem.ts';
import { DeliveryLedger, type DeliveryFigures } from '../kit/deliveryLedger.ts';
import { LiveClients } from '../kit/liveClients.ts';
import { paced, sleep } from '../kit/pacing.ts';
import { kibPer, residentKiB } from '../kit/processMemory.ts';

export interface SupportLoad {
  readonly conversations: number;
  readonly messagesPerSecond: number;
  readonly seconds: number;
  /** Operators following the whole queue besides those holding conversations. */
  readonly queueWatchers: number;
}

export interface SupportFigures {
  readonly participants: {
    readonly customers: number;
    readonly operators: number;
    readonly watchers: number;
  };
  /** Preparing calls tried again because the gateway could not reach support. */
  readonly preparationRetries: number;
  readonly subscriptions: number;
  readonly held: number;
  readonly sent: number;
  readonly drovePerSecond: number;
  /** Refused or failed sends by their code. */
  readonly sendErrors: ReadonlyMap<string, number>;
  readonly toOperator: DeliveryFigures;
  readonly toCustomer: DeliveryFigures;
  readonly allMessages: DeliveryFigures;
  readonly queue: DeliveryFigures;
  /** From sending to the sender's answer: the write's share of the delivery time. */
  readonly answered: DeliveryFigures;
  /** Growth of resident memory per connected participant while they connected, KiB. */
  readonly kibPerParticipant: { readonly gateway: string; readonly support: string; readonly total: string };
}

/** The subscriptions one graphql-ws socket may carry (the gateway's MAX_SUBSCRIPTIONS_PER_SOCKET). */
export const CONVERSATIONS_PER_OPERATOR = 20;
const PREPARE_IN_PARALLEL = 8;
const PREPARE_ATTEMPTS = 6;
/** What a preparing call is tried again after: the gateway could not reach support, or the call never arrived. */
const RETRIED = /^(SUBGRAPH_UNAVAILABLE|NETWORK)/;
const CONNECT_WITHIN_MS = 120_000;
const SETTLE_MS = 3_000;
const DRAIN_MS = 3_000;

const OPEN = `mutation ($text: String!, $key: String) {
  openConversation(input: { topic: GENERAL, text: $text }, idempotencyKey: $key) { id cursor }
}`;
const TAKE = `mutation ($id: UUID!) { takeConversation(conversationId: $id) { cursor } }`;
const SEND = `mutation ($id: UUID!, $text: String!) { sendSupportMessage(conversationId: $id, text: $text) { cursor } }`;
const REPLY = `mutation ($id: UUID!, $text: String!) { replyToConversation(conversationId: $id, text: $text) { cursor } }`;
const FOLLOW = `subscription ($id: UUID!, $after: String) {
  conversationEvents(conversationId: $id, after: $after) { cursor message { author text } }
}`;
const FOLLOW_QUEUE = `subscription { supportQueueChanged { cursor } }`;

interface Participant {
  readonly id: string;
  readonly token: string;
  readonly address: string;
}

interface BenchConversation {
  readonly id: string;
  readonly customer: Participant;
  readonly operator: Participant;
  cursor: string;
  customersTurn: boolean;
}

interface ConversationUpdate {
  conversationEvents: { cursor: string; message: { author: string; text: string } | null };
}

type Answer = { data?: Record<string, { id?: string; cursor: string }> | null; errors?: unknown[] };

/** A loopback address per participant: 127.<group>.x.y, never a .0 or .255. */
const loopback = (group: number, index: number) =>
  `127.${group}.${Math.floor(index / 250)}.${(index % 250) + 1}`;

/** The bench's marker in a message's text: which send it was. */
const markerOf = (text: string) => /№(\d+)/.exec(text)?.[1];

function codeOf(answer: { status: number; errors?: { extensions?: Record<string, unknown> }[] }) {
  const code = answer.errors?.[0]?.extensions?.['code'];
  if (typeof code === 'string') return code;
  return answer.errors ? `HTTP ${answer.status}` : undefined;
}

const networkErrorCode = (error: unknown) =>
  (error as { code?: unknown }).code === undefined
    ? 'NETWORK'
    : `NETWORK ${String((error as { code: unknown }).code)}`;

async function inBatches<T, R>(items: readonly T[], work: (item: T, index: number) => Promise<R>) {
  const results: R[] = [];
  for (let start = 0; start < items.length; start += PREPARE_IN_PARALLEL)
    results.push(
      ...(await Promise.all(
        items.slice(start, start + PREPARE_IN_PARALLEL).map((item, at) => work(item, start + at)),
      )),
    );
  return results;
}

/** Customers identity knows (as a migration loads them; the bench's system starts with none), no e-mail. */
async function registerCustomers(system: TestSystem, ids: readonly string[]): Promise<void> {
  const at = new Date(0).toISOString();
  const customers = ids.map((id, index) => ({
    id,
    lastName: 'Нагрузкин',
    firstName: `Клиент${index}`,
    middleName: null,
    birthDate: '1980-01-01',
    gender: null,
    snils: null,
    inn: null,
    passport: null,
    phone: null,
    email: null,
    registrationAddress: null,
    esiaOid: null,
    esiaTrusted: null,
    consentVersion: null,
    createdAt: at,
    updatedAt: at,
  }));
  await importIdentityRecords(
    { DATA_DIR: system.dataDir, MONGODB_URL: undefined },
    { customers, staff: [], partnerClients: [] },
  );
}

export async function measureSupportChat(system: TestSystem, load: SupportLoad): Promise<SupportFigures> {
  const call = async (who: Participant, query: string, variables: Record<string, unknown>) => {
    // A connection per call: a kept-alive socket the gateway closes for idling just as it is reused would
    // reset (browsers hide that race by retrying; the bench would count it against the product).
    const answer = await graphqlFrom<Answer['data']>(who.address, system.gatewayUrl, query, {
      token: who.token,
      variables,
      headers: { connection: 'close' },
    }).catch((error: unknown) => ({
      status: 0,
      errors: [{ message: String(error), extensions: { code: networkErrorCode(error) } }],
      data: null,
    }));
    const code = codeOf(answer);
    const field = Object.values(answer.data ?? {})[0];
    return code === undefined && field ? { ok: true as const, ...field } : { ok: false as const, code };
  };
  let preparationRetries = 0;
  /** A preparing call, tried again as a client would while the gateway answers it cannot reach support. */
  const prepared = async (who: Participant, query: string, variables: Record<string, unknown>) => {
    for (let attempt = 1; ; attempt++) {
      const answer = await call(who, query, variables);
      if (answer.ok) return answer;
      if (attempt === PREPARE_ATTEMPTS || !RETRIED.test(answer.code ?? ''))
        throw new Error(`preparing the support bench: ${/\{\s*(\w+)/.exec(query)?.[1]} → ${answer.code}`);
      preparationRetries += 1;
      await sleep(attempt * 1_000);
    }
  };

  const customers = await Promise.all(
    Array.from({ length: load.conversations }, async (_, index) => {
      const id = randomUUID();
      const token = await system.token({
        kind: 'customer',
        customerId: id,
        sessionId: randomUUID(),
        trusted: true,
      });
      return { id, token, address: loopback(1, index) };
    }),
  );
  // Opening a conversation asks identity for the customer's verified e-mail: they must be registered.
  await registerCustomers(
    system,
    customers.map(({ id }) => id),
  );
  const staff = (group: number) => async (_: unknown, index: number) => {
    const id = randomUUID();
    const token = await system.token({
      kind: 'staff',
      staffId: id,
      sessionId: randomUUID(),
      roles: ['support'],
    });
    return { id, token, address: loopback(group, index) };
  };
  const operators = await Promise.all(
    Array.from({ length: Math.ceil(load.conversations / CONVERSATIONS_PER_OPERATOR) }, staff(2)),
  );
  const watchers = await Promise.all(Array.from({ length: load.queueWatchers }, staff(3)));

  const conversations = await inBatches(customers, async (customer, index) => {
    const opened = await prepared(customer, OPEN, {
      text: 'Здравствуйте! Подскажите, пожалуйста.',
      key: `bench-${customer.id}`,
    });
    const operator = operators[Math.floor(index / CONVERSATIONS_PER_OPERATOR)] as Participant;
    const taken = await prepared(operator, TAKE, { id: opened.id });
    return { id: opened.id as string, customer, operator, cursor: taken.cursor, customersTurn: true };
  });

  const measured = () => ({
    gateway: residentKiB(system.services.gateway.pid),
    support: residentKiB(system.services.support.pid),
  });
  const before = measured();
  const toOperator = new DeliveryLedger();
  const toCustomer = new DeliveryLedger();
  const allMessages = new DeliveryLedger();
  const queue = new DeliveryLedger();
  const answered = new DeliveryLedger();
  const clients = new LiveClients(system.gatewayUrl);
  const follow = (
    client: ReturnType<LiveClients['open']>,
    conversation: BenchConversation,
    side: 'CUSTOMER' | 'OPERATOR',
  ) =>
    clients.subscribe<ConversationUpdate>(
      client,
      { query: FOLLOW, variables: { id: conversation.id, after: conversation.cursor } },
      ({ conversationEvents: { message } }) => {
        // Each side counts what the other wrote; its own messages come back to it too.
        if (message === null || message.author === side) return;
        const marker = markerOf(message.text);
        if (marker === undefined) return;
        const at = performance.now();
        const receiver = side === 'CUSTOMER' ? conversation.customer.id : conversation.operator.id;
        (side === 'CUSTOMER' ? toCustomer : toOperator).arrived(receiver, marker, at);
        allMessages.arrived(receiver, marker, at);
      },
    );
  for (const conversation of conversations)
    follow(
      clients.open(conversation.customer.token, conversation.customer.address),
      conversation,
      'CUSTOMER',
    );
  for (const [index, operator] of operators.entries()) {
    const client = clients.open(operator.token, operator.address);
    const held = conversations.slice(
      index * CONVERSATIONS_PER_OPERATOR,
      (index + 1) * CONVERSATIONS_PER_OPERATOR,
    );
    for (const conversation of held) follow(client, conversation, 'OPERATOR');
  }
  for (const watcher of watchers)
    clients.subscribe<{ supportQueueChanged: { cursor: string } }>(
      clients.open(watcher.token, watcher.address),
      { query: FOLLOW_QUEUE, variables: {} },
      ({ supportQueueChanged }) => queue.arrived(watcher.id, supportQueueChanged.cursor, performance.now()),
    );
  await clients.settle(CONNECT_WITHIN_MS, SETTLE_MS);
  const after = measured();

  const sendErrors = new Map<string, number>();
  let sent = 0;
  const send = async (conversation: BenchConversation, number: number) => {
    const fromCustomer = conversation.customersTurn;
    conversation.customersTurn = !fromCustomer;
    const [author, receiver, ledger] = fromCustomer
      ? [conversation.customer, conversation.operator, toOperator]
      : [conversation.operator, conversation.customer, toCustomer];
    const text = fromCustomer ? `Вопрос №${number}: когда будет ответ?` : `Ответ №${number}: уже проверяем.`;
    const sentAt = performance.now();
    const answer = await call(author, fromCustomer ? SEND : REPLY, { id: conversation.id, text });
    answered.arrived(author.id, String(number), performance.now());
    if (!answer.ok) {
      const code = answer.code ?? 'NO_CODE';
      sendErrors.set(code, (sendErrors.get(code) ?? 0) + 1);
      return;
    }
    sent += 1;
    answered.expect(author.id, String(number), sentAt);
    ledger.expect(receiver.id, String(number), sentAt);
    allMessages.expect(receiver.id, String(number), sentAt);
    for (const watcher of watchers) queue.expect(watcher.id, answer.cursor, sentAt);
  };
  let next = 0;
  const drove = await paced(load.messagesPerSecond, load.seconds, () => {
    const number = next++;
    return send(conversations[number % conversations.length] as BenchConversation, number);
  });
  await sleep(DRAIN_MS);
  const held = clients.held;
  await clients.close();

  const participants = customers.length + operators.length + watchers.length;
  return {
    participants: { customers: customers.length, operators: operators.length, watchers: watchers.length },
    preparationRetries,
    subscriptions: conversations.length * 2 + watchers.length,
    held,
    sent,
    drovePerSecond: next / drove,
    sendErrors,
    toOperator: toOperator.figures(),
    toCustomer: toCustomer.figures(),
    allMessages: allMessages.figures(),
    queue: queue.figures(),
    answered: answered.figures(),
    kibPerParticipant: {
      gateway: kibPer(before.gateway, after.gateway, participants),
      support: kibPer(before.support, after.support, participants),
      total: kibPer(before.gateway + before.support, after.gateway + after.support, participants),
    },
  };
}
