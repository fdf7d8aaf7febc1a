import { randomUUID } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import { graphql } from '../support/graphqlClient.ts';
import { demoCast } from '../support/demoCast.ts';
import type { TestSystem } from '../support/testSystem.ts';

const { customer, policy } = demoCast();

/** mulberry32: the same seed gives the same hostile inputs on every run, so a failure replays. */
function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

const random = seededRandom(20_260_307);
const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)] as T;

/** Strings no field should choke on: unicode tricks, control characters, lookalike digits, sheer size. */
const HOSTILE_STRINGS = [
  '',
  ' ',
  '\u0000',
  'a\u0000b',
  '\u202Eftp.exe',
  'evil\u202Efdp.exe',
  '2200\u200B0000\u200B0000\u200B0004',
  '\uFEFF2026-01-10',
  '２２００００００００００００００４',
  '٢٠٢٦-٠١-١٠',
  '\uD800',
  '\u0301\u0301\u0301',
  'Z̸̢̛͔a̴l̷g̸o̵',
  '../../etc/passwd',
  '<script>alert(1)</script>',
  "'; DROP TABLE claims; --",
  '{"$gt":""}',
  '%00%0d%0a',
  '\r\nX-Injected: 1',
  '1e309',
  '-0',
  'NaN',
  '123-456-789 00',
  '000000000000',
  '7707083894',
  'x'.repeat(20_000),
  'й'.repeat(10_000),
  '😀'.repeat(5_000),
] as const;

const INVALID_DATES = [
  '2026-02-30',
  '2026-13-01',
  '31.12.2025',
  '2026-1-5',
  '0000-00-00',
  '9999-12-31',
  '2026-01-10T25:00:00Z',
  '+275760-09-13',
  '2026-01-1\u200B0',
] as const;

const INVALID_CARDS = [
  '2200000000000005',
  '1234',
  '2200 0000 0000 000A',
  '0'.repeat(19),
  '4'.repeat(64),
] as const;
const INVALID_EXPIRIES = ['13/30', '00/30', '12/1', '1230', '12/2030', '01/20'] as const;

const hostile = () =>
  random() < 0.5 ? pick(HOSTILE_STRINGS) : `${pick(HOSTILE_STRINGS)}${pick(HOSTILE_STRINGS)}`;

/** A hostile mutation always carries one value its validation must refuse, so nothing may be written. */
interface HostileCase {
  readonly name: string;
  readonly query: string;
  readonly variables: Record<string, unknown>;
}

const SUBMIT_CLAIM = /* GraphQL */ `
  mutation ($key: String!, $input: SubmitClaimInput!) {
    submitClaim(idempotencyKey: $key, input: $input) {
      id
    }
  }
`;
const ADD_CARD = /* GraphQL */ `
  mutation ($input: AddPaymentMethodInput!) {
    addPaymentMethod(input: $input) {
      id
    }
  }
`;
const UPLOAD = /* GraphQL */ `
  mutation ($key: String!, $size: Int!, $contentType: String!, $fileName: String!) {
    requestDocumentUpload(idempotencyKey: $key, size: $size, contentType: $contentType, fileName: $fileName) {
      documentId
    }
  }
`;

const OPEN_CONVERSATION = /* GraphQL */ `
  mutation ($input: OpenConversationInput!, $key: String) {
    openConversation(input: $input, idempotencyKey: $key) {
      id
    }
  }
`;
const SEND_SUPPORT_MESSAGE = /* GraphQL */ `
  mutation ($id: UUID!, $text: String!, $attachmentIds: [UUID!]) {
    sendSupportMessage(conversationId: $id, text: $text, attachmentIds: $attachmentIds) {
      id
    }
  }
`;
const SUPPORT_ATTACHMENT_UPLOAD = /* GraphQL */ `
  mutation ($key: String!, $size: Int!, $contentType: String!, $fileName: String!) {
    requestSupportAttachmentUpload(
      idempotencyKey: $key
      size: $size
      contentType: $contentType
      fileName: $fileName
    ) {
      attachmentId
    }
  }
`;
const EXPORT_TRANSCRIPT = /* GraphQL */ `
  mutation ($id: UUID!) {
    exportConversationTranscript(conversationId: $id) {
      url
    }
  }
`;
const INVITE_ADJUSTER = /* GraphQL */ `
  mutation ($id: UUID!, $adjusterId: UUID!) {
    inviteAdjuster(conversationId: $id, adjusterId: $adjusterId) {
      id
    }
  }
`;
const REMOVE_ADJUSTER = /* GraphQL */ `
  mutation ($id: UUID!, $adjusterId: UUID!) {
    removeAdjuster(conversationId: $id, adjusterId: $adjusterId) {
      id
    }
  }
`;
const LEAVE_CONVERSATION = /* GraphQL */ `
  mutation ($id: UUID!) {
    leaveConversation(conversationId: $id) {
      id
    }
  }
`;
const CREATE_CANNED_REPLY = /* GraphQL */ `
  mutation ($input: CannedReplyInput!) {
    createCannedReply(input: $input) {
      id
    }
  }
`;
/** Message texts the chat must refuse: blank, or above its 4 000 characters. */
const INVALID_MESSAGES = [
  '',
  ' ',
  '\r\n\t',
  'x'.repeat(20_000),
  'й'.repeat(10_000),
  '😀'.repeat(5_000),
] as const;

const CASES_PER_KIND = 12;

function hostileMutations(): HostileCase[] {
  const cases: HostileCase[] = [];
  for (let i = 0; i < CASES_PER_KIND; i++) {
    const occurredOn = random() < 0.7 ? pick(INVALID_DATES) : hostile();
    cases.push({
      name: `submitClaim #${i} on ${JSON.stringify(occurredOn).slice(0, 40)}`,
      query: SUBMIT_CLAIM,
      variables: {
        key: random() < 0.5 ? randomUUID() : hostile(),
        input: {
          policyId: policy.id,
          incident: { occurredOn, kind: hostile(), place: hostile(), description: hostile() },
          contact: { phone: hostile(), email: hostile() },
        },
      },
    });
    const invalidNumber = random() < 0.5;
    cases.push({
      name: `addPaymentMethod #${i}`,
      query: ADD_CARD,
      variables: {
        input: invalidNumber
          ? { number: random() < 0.5 ? pick(INVALID_CARDS) : hostile(), expiry: '12/30' }
          : { number: '2200000000000004', expiry: random() < 0.5 ? pick(INVALID_EXPIRIES) : hostile() },
      },
    });
    cases.push({
      name: `requestDocumentUpload #${i}`,
      query: UPLOAD,
      variables: {
        key: randomUUID(),
        size: pick([20 * 1024 * 1024 + 1, 2_147_483_647, -1, 0]),
        contentType: random() < 0.5 ? 'application/pdf' : hostile(),
        fileName: hostile(),
      },
    });
    const badSubject = random() < 0.5;
    cases.push({
      name: `openConversation #${i}`,
      query: OPEN_CONVERSATION,
      variables: {
        key: random() < 0.5 ? null : randomUUID(),
        input: badSubject
          ? { topic: pick(['POLICY', 'CLAIM', 'PAYMENT']), subjectId: hostile(), text: hostile() }
          : { topic: 'GENERAL', text: pick(INVALID_MESSAGES) },
      },
    });
    cases.push({
      name: `createCannedReply #${i}`,
      query: CREATE_CANNED_REPLY,
      variables: { input: { title: hostile(), text: pick(INVALID_MESSAGES) } },
    });
    cases.push({
      name: `sendSupportMessage #${i}`,
      query: SEND_SUPPORT_MESSAGE,
      variables: {
        id: random() < 0.5 ? randomUUID() : hostile(),
        text: hostile(),
        attachmentIds: random() < 0.5 ? null : [random() < 0.5 ? randomUUID() : hostile()],
      },
    });
    cases.push({
      name: `requestSupportAttachmentUpload #${i}`,
      query: SUPPORT_ATTACHMENT_UPLOAD,
      variables: {
        key: randomUUID(),
        size: pick([20 * 1024 * 1024 + 1, 2_147_483_647, -1, 0]),
        contentType: random() < 0.5 ? 'image/png' : hostile(),
        fileName: hostile(),
      },
    });
    cases.push({
      name: `exportConversationTranscript #${i}`,
      query: EXPORT_TRANSCRIPT,
      variables: { id: random() < 0.5 ? randomUUID() : hostile() },
    });
    const someId = () => (random() < 0.5 ? randomUUID() : hostile());
    cases.push(
      {
        name: `inviteAdjuster #${i}`,
        query: INVITE_ADJUSTER,
        variables: { id: someId(), adjusterId: someId() },
      },
      {
        name: `removeAdjuster #${i}`,
        query: REMOVE_ADJUSTER,
        variables: { id: someId(), adjusterId: someId() },
      },
      { name: `leaveConversation #${i}`, query: LEAVE_CONVERSATION, variables: { id: someId() } },
    );
  }
  return cases;
}

/** Values of the wrong type for a variable: the gateway must refuse them before any subgraph. */
const WRONG_TYPES: readonly HostileCase[] = [
  {
    name: 'an object for an ID',
    query: 'query ($id: UUID!) { policy(id: $id) { id } }',
    variables: { id: { a: 1 } },
  },
  {
    name: 'a float for an ID',
    query: 'query ($id: UUID!) { policy(id: $id) { id } }',
    variables: { id: 1.5 },
  },
  {
    name: 'null for an ID!',
    query: 'query ($id: UUID!) { policy(id: $id) { id } }',
    variables: { id: null },
  },
  {
    name: 'a string for an Int',
    query: 'query ($first: Int!) { me { claims(first: $first) { totalCount } } }',
    variables: { first: '20' },
  },
  {
    name: 'an Int beyond 32 bits',
    query: 'query ($first: Int!) { me { claims(first: $first) { totalCount } } }',
    variables: { first: 2 ** 40 },
  },
  {
    name: 'a negative page size',
    query: 'query ($first: Int!) { me { claims(first: $first) { totalCount } } }',
    variables: { first: -5 },
  },
  {
    name: 'an unknown enum value',
    query: 'query ($status: ClaimStatus) { me { claims(status: $status) { totalCount } } }',
    variables: { status: 'HACKED' },
  },
  {
    name: 'an array for an input object',
    query: ADD_CARD,
    variables: { input: ['2200000000000004', '12/30'] },
  },
  {
    name: 'an unknown input field',
    query: ADD_CARD,
    variables: { input: { number: '2200000000000004', expiry: '12/30', customerId: randomUUID() } },
  },
  {
    name: 'an unknown conversation topic',
    query: OPEN_CONVERSATION,
    variables: { input: { topic: 'HACKED', text: 'Здравствуйте' } },
  },
  {
    name: 'a conversation message cursor that is not one',
    query:
      'query ($id: UUID!, $after: String) { conversation(id: $id) { messages(after: $after) { totalCount } } }',
    variables: { id: randomUUID(), after: '\u0000not-a-cursor' },
  },
  {
    name: 'an unknown transcript view',
    query:
      'mutation ($id: UUID!, $view: TranscriptView) { exportConversationTranscript(conversationId: $id, view: $view) { url } }',
    variables: { id: randomUUID(), view: 'EVERYTHING' },
  },
  {
    name: 'a broken DateTimeISO',
    query: 'query ($at: DateTimeISO!, $id: UUID!) { claimAsOf(at: $at, id: $id) { id } }',
    variables: { at: '2026-02-30T99:00:00Z', id: randomUUID() },
  },
  {
    name: 'a cursor that is not one',
    query: 'query ($after: String) { me { claims(after: $after) { totalCount } } }',
    variables: { after: '\u0000not-a-cursor\u202E' },
  },
  {
    name: 'a non-UUID id',
    query: 'query ($id: UUID!) { policy(id: $id) { id } }',
    variables: { id: "1' OR '1'='1" },
  },
];

const depth = (levels: number) =>
  `{ me ${'{ claims { nodes { policy '.repeat(levels)}{ id }${' } } }'.repeat(levels)} }`;

/** Documents that are hostile in shape rather than in values. */
const HOSTILE_DOCUMENTS: readonly { name: string; query: string }[] = [
  { name: 'deep selections', query: depth(40) },
  {
    name: 'deeply nested list literal',
    query: `{ policy(id: ${'['.repeat(3_000)}"x"${']'.repeat(3_000)}) { id } }`,
  },
  {
    name: 'deeply nested object literal',
    query: `mutation { addPaymentMethod(input: ${'{ number: '.repeat(2_000)}"1"${' }'.repeat(2_000)}) { id } }`,
  },
  { name: 'unterminated string', query: '{ policy(id: "abc) { id } }' },
  { name: 'a NUL in the document', query: '{ me\u0000 { id } }' },
  { name: 'an unknown field', query: '{ me { passwordHash } }' },
  {
    name: 'many fragments spread in a cycle',
    query: 'query { me { ...A } } fragment A on Customer { ...B } fragment B on Customer { ...A }',
  },
  {
    name: 'five hundred aliases',
    query: `{ ${Array.from({ length: 500 }, (_, i) => `a${i}: me { id }`).join(' ')} }`,
  },
  { name: 'directives piled on a field', query: `{ me ${'@include(if: true) '.repeat(2_000)}{ id } }` },
  { name: 'an empty document', query: '' },
  { name: 'two anonymous operations', query: '{ me { id } } { me { id } }' },
];

/**
 * Every typed scalar, with where a customer's document carries it and values it must refuse. The gateway
 * refuses each one before any subgraph, as BAD_USER_INPUT in Russian naming what the client wrote.
 */
interface TypedScalarCase {
  readonly scalar: string;
  /** An operation taking the value as `$value`, and the same operation with `VALUE` as a literal. */
  readonly withVariable: string;
  readonly withLiteral: string;
  /** What the refusal names for the variable and for the literal. */
  readonly variableName: string;
  readonly argumentName: string;
  readonly refused: readonly unknown[];
}

const claimInput = (occurredOn: string, contact = '') =>
  `{ policyId: "${policy.id}", incident: { occurredOn: ${occurredOn}, kind: "ДТП", place: "Москва", description: "Столкновение" }${contact} }`;

const TYPED_SCALARS: readonly TypedScalarCase[] = [
  {
    scalar: 'LocalDate',
    withVariable: `mutation ($value: LocalDate!) { submitClaim(idempotencyKey: "${randomUUID()}", input: ${claimInput('$value')}) { id } }`,
    withLiteral: `mutation { submitClaim(idempotencyKey: "${randomUUID()}", input: ${claimInput('VALUE')}) { id } }`,
    variableName: '$value',
    argumentName: 'input.incident.occurredOn',
    // 9999-12-31 is a day; the policy, not the scalar, refuses it.
    refused: ['вчера', '2026-13-45', ...INVALID_DATES.filter((date) => date !== '9999-12-31'), 20_260_110],
  },
  {
    scalar: 'DateTimeISO',
    withVariable: `query ($value: DateTimeISO!) { claimAsOf(id: "${randomUUID()}", at: $value) { id } }`,
    withLiteral: `query { claimAsOf(id: "${randomUUID()}", at: VALUE) { id } }`,
    variableName: '$value',
    argumentName: 'at',
    refused: ['31.02.2026', '2026-02-30T10:00:00Z', '2026-01-10T25:00:00Z', 'now', '2026-01-10'],
  },
  {
    scalar: 'EmailAddress',
    withVariable: `mutation ($value: EmailAddress!) { submitClaim(idempotencyKey: "${randomUUID()}", input: ${claimInput('"2026-01-10"', ', contact: { email: $value }')}) { id } }`,
    withLiteral: `mutation { submitClaim(idempotencyKey: "${randomUUID()}", input: ${claimInput('"2026-01-10"', ', contact: { email: VALUE }')}) { id } }`,
    variableName: '$value',
    argumentName: 'input.contact.email',
    refused: [
      'not-an-email',
      'a@b.ru, c@d.ru',
      'Иван <ivan@example.ru>',
      'ivan@example.ru\r\nBcc: x@y.ru',
      '',
    ],
  },
  {
    scalar: 'PhoneNumber',
    withVariable: `mutation ($value: PhoneNumber!) { submitClaim(idempotencyKey: "${randomUUID()}", input: ${claimInput('"2026-01-10"', ', contact: { phone: $value }')}) { id } }`,
    withLiteral: `mutation { submitClaim(idempotencyKey: "${randomUUID()}", input: ${claimInput('"2026-01-10"', ', contact: { phone: VALUE }')}) { id } }`,
    variableName: '$value',
    argumentName: 'input.contact.phone',
    refused: ['12345', '+1 212 555 0123', '２２００', 'телефон', ''],
  },
  {
    scalar: 'INN',
    withVariable: 'query ($value: INN!) { findCustomer(inn: $value) { id } }',
    withLiteral: 'query { findCustomer(inn: VALUE) { id } }',
    variableName: '$value',
    argumentName: 'inn',
    refused: ['7707083894', '12345', '500100732258', '770708389', 'ИНН', ''],
  },
  {
    scalar: 'SNILS',
    withVariable: 'query ($value: SNILS!) { findCustomer(snils: $value) { id } }',
    withLiteral: 'query { findCustomer(snils: VALUE) { id } }',
    variableName: '$value',
    argumentName: 'snils',
    refused: ['112-233-445 96', '123-456-789 00', '1234', 'СНИЛС', ''],
  },
  {
    scalar: 'MoneyAmount',
    withVariable: `query ($value: MoneyAmount!) { quoteCoverageChange(policyId: "${policy.id}", changes: [{ code: OSAGO_PROPERTY, sumInsured: { amount: $value, currency: "RUB" } }]) { id } }`,
    withLiteral: `query { quoteCoverageChange(policyId: "${policy.id}", changes: [{ code: OSAGO_PROPERTY, sumInsured: { amount: VALUE, currency: "RUB" } }]) { id } }`,
    variableName: '$value',
    argumentName: 'changes.sumInsured.amount',
    refused: ['1,5', '1e3', '.5', '-0', '12.345', 'NaN', '', 1500],
  },
  {
    scalar: 'UUID',
    withVariable: 'query ($value: UUID!) { policy(id: $value) { id } }',
    withLiteral: 'query { policy(id: VALUE) { id } }',
    variableName: '$value',
    argumentName: 'id',
    refused: ["1' OR '1'='1", '{00000000-0000-0000-0000-000000000000}', 'x'.repeat(36), '', 42],
  },
];

interface RawResponse {
  readonly status: number;
  readonly codes: string[];
}

const BROKEN_CODES = new Set(['INTERNAL_SERVER_ERROR', 'SUBGRAPH_UNAVAILABLE', 'DOWNSTREAM_SERVICE_ERROR']);

function expectStableRefusal(response: RawResponse, context: string): void {
  expect(response.status, context).toBeLessThan(500);
  expect(response.codes.length, context).toBeGreaterThan(0);
  for (const code of response.codes) {
    expect(code, context).toMatch(/^[A-Z][A-Z0-9_]+$/);
    expect(BROKEN_CODES, context).not.toContain(code);
  }
}

/** Runs on the system oneSystem.gateway.e2e.test.ts shares. */
export function fuzzSuite(systemOf: () => TestSystem): void {
  describe('hostile input through the gateway', () => {
    hostileInput(systemOf);
  });
}

function hostileInput(systemOf: () => TestSystem): void {
  let system: TestSystem;
  let token: string;

  beforeAll(async () => {
    system = systemOf();
    token = await system.token({
      kind: 'customer',
      customerId: customer.id,
      sessionId: randomUUID(),
      trusted: true,
    });
  });

  async function post(
    body: string | Uint8Array<ArrayBuffer>,
    contentType = 'application/json',
  ): Promise<RawResponse> {
    const response = await fetch(system.gatewayUrl, {
      method: 'POST',
      headers: { 'content-type': contentType, authorization: `Bearer ${token}` },
      body,
    });
    const text = await response.text();
    let parsed: { errors?: { extensions?: { code?: unknown } }[] } = {};
    try {
      parsed = JSON.parse(text) as typeof parsed;
    } catch {
      // A body that is not JSON has no code to read; expectStableRefusal reports it.
    }
    return {
      status: response.status,
      codes: (parsed.errors ?? []).map((error) => String(error.extensions?.code)),
    };
  }

  const send = (query: string, variables: Record<string, unknown> = {}) =>
    post(JSON.stringify({ query, variables }));

  async function customerRecords() {
    const response = await graphql<{
      me: { claims: { totalCount: number }; conversations: { totalCount: number } };
      paymentMethods: { id: string }[];
    }>(
      system.gatewayUrl,
      '{ me { claims { totalCount } conversations { totalCount } } paymentMethods { id } }',
      { token },
    );
    expect(response.errors).toBeUndefined();
    return {
      claims: response.data?.me.claims.totalCount,
      conversations: response.data?.me.conversations.totalCount,
      cards: response.data?.paymentMethods.map((card) => card.id),
    };
  }

  it('refuses every hostile mutation with a stable code and writes nothing', async () => {
    const before = await customerRecords();
    for (const hostileCase of hostileMutations()) {
      expectStableRefusal(await send(hostileCase.query, hostileCase.variables), hostileCase.name);
    }
    expect(await customerRecords()).toEqual(before);
  });

  it.each(WRONG_TYPES)('refuses $name with a stable code', async ({ name, query, variables }) => {
    expectStableRefusal(await send(query, variables), name);
  });

  describe.each(TYPED_SCALARS)('the typed scalar $scalar', (scalarCase) => {
    async function expectRefusal(query: string, variables: Record<string, unknown>, named: string) {
      const response = await graphql(system.gatewayUrl, query, { token, variables });
      const context = `${scalarCase.scalar}: ${query.slice(0, 80)} ${JSON.stringify(variables).slice(0, 60)}`;
      expect(
        response.errors?.map((error) => error.extensions?.['code']),
        context,
      ).toEqual(['BAD_USER_INPUT']);
      expect(response.errors?.[0]?.extensions?.['argument'], context).toBe(named);
      expect(response.errors?.[0]?.message, context).toMatch(
        new RegExp(`^Неверное значение .*«${named.replace(/[$.]/g, '\\$&')}»: [А-Я]`),
      );
      expect(response.errors?.[0]?.message, context).not.toMatch(/Variable|Expected|_[a-z]+_/);
    }

    it('refuses malformed values in a variable, in Russian, naming the variable', async () => {
      for (const value of scalarCase.refused) {
        await expectRefusal(scalarCase.withVariable, { value }, scalarCase.variableName);
      }
    });

    it('refuses malformed literals, in Russian, naming the argument', async () => {
      for (const value of scalarCase.refused) {
        const query = scalarCase.withLiteral.replace('VALUE', JSON.stringify(value));
        await expectRefusal(query, {}, scalarCase.argumentName);
      }
    });
  });

  it('files nothing for a claim whose date, e-mail or phone a typed scalar refused', async () => {
    const before = await customerRecords();
    for (const scalarCase of TYPED_SCALARS.filter((typed) => typed.withVariable.includes('submitClaim'))) {
      await send(scalarCase.withVariable, { value: scalarCase.refused[0] });
    }
    expect(await customerRecords()).toEqual(before);
  });

  it.each(HOSTILE_DOCUMENTS)('refuses $name with a stable code', async ({ name, query }) => {
    expectStableRefusal(await send(query), name);
  });

  it.each([
    ['a forged token', (id: string) => `${id}.pdf?token=${encodeURIComponent("'; DROP TABLE x; --.\u202E")}`],
    ['no token', (id: string) => `${id}.pdf`],
    ['a hostile file name', () => `${encodeURIComponent('<script>\u0000й😀')}.pdf?token=x.y`],
    ['a path outside', () => '..%2F..%2Fetc%2Fpasswd?token=x.y'],
  ])('refuses a transcript link with %s with a stable code', async (_case, path) => {
    const files = `${new URL(system.gatewayUrl).origin}/files/support`;
    const response = await fetch(`${files}/conversation-transcripts/${path(randomUUID())}`);
    const body = (await response.json()) as { error?: { code?: string } };
    expectStableRefusal({ status: response.status, codes: [String(body.error?.code)] }, _case);
    expect(response.status).toBe(403);
  });

  it.each([
    { name: 'invalid JSON', body: '{"query": "{ me { id } }"', contentType: 'application/json' },
    { name: 'a JSON array', body: '[1, 2, 3]', contentType: 'application/json' },
    { name: 'a JSON string', body: '"{ me { id } }"', contentType: 'application/json' },
    { name: 'a query that is a number', body: '{"query": 42}', contentType: 'application/json' },
    { name: 'no query', body: '{"variables": {}}', contentType: 'application/json' },
    {
      name: 'variables that are a string',
      body: '{"query": "{ me { id } }", "variables": "x"}',
      contentType: 'application/json',
    },
    { name: 'an empty body', body: '', contentType: 'application/json' },
    {
      name: 'a body that is not UTF-8',
      body: new Uint8Array([0xff, 0xfe, 0x7b, 0x00, 0xc3]),
      contentType: 'application/json',
    },
    {
      name: 'deeply nested JSON variables',
      body: `{"query": "mutation ($input: AddPaymentMethodInput!) { addPaymentMethod(input: $input) { id } }", "variables": {"input": {"number": ${'['.repeat(5_000)}${']'.repeat(5_000)}, "expiry": "12/30"}}}`,
      contentType: 'application/json',
    },
    {
      name: 'an oversize body',
      body: JSON.stringify({ query: '{ me { id } }', variables: { padding: 'я'.repeat(600_000) } }),
      contentType: 'application/json',
    },
    {
      name: 'an unknown content type',
      body: 'query=%7B+me+%7B+id+%7D+%7D',
      contentType: 'application/x-unknown',
    },
  ])('refuses $name with a stable code', async ({ name, body, contentType }) => {
    expectStableRefusal(await post(body, contentType), name);
  });
}
