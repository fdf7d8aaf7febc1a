import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { CURRENT_CONSENT_VERSION } from '@cabinet/kernel';
import {
  ACCESS_TOKEN_ALG,
  claimsFor,
  createAccessTokenSigner,
  loadOrCreateKeyRing,
} from '@cabinet/platform/auth';
import {
  buildASTSchema,
  getNamedType,
  isEnumType,
  isInputObjectType,
  isLeafType,
  isListType,
  isNonNullType,
  isObjectType,
  parse,
  type GraphQLArgument,
  type GraphQLField,
  type GraphQLInputField,
  type GraphQLInputType,
  type GraphQLObjectType,
} from 'graphql';
import { base64url, exportJWK, generateKeyPair, SignJWT } from 'jose';
import { beforeAll, describe, expect, it } from 'vitest';
import { collect, graphql, wsClient, type GraphQLResponse } from '../support/graphqlClient.ts';
import { claimsCast, demoCast, SEEDED_AT } from '../support/demoCast.ts';
import { systemClock } from '../support/systemClock.ts';
import type { TestPrincipal, TestSystem } from '../support/testSystem.ts';

const { customer: victim, policy: victimPolicy, stranger } = demoCast();
/** The partner that sold the victim's policy. */
const sellingPartnerId = claimsCast().own.partnerId;

/**
 * Root fields a caller without a token may be answered on: signing in and what must be read before it.
 * Reviewed by hand: a new field anonymous can reach fails this suite until it is added here.
 */
const PUBLIC_FIELDS = new Set([
  'consentDocument',
  'beginGosuslugiSignIn',
  'completeGosuslugiSignIn',
  'staffSignIn',
  'refreshSession',
]);

/** Root fields a partner may be answered on besides the public ones: the status of claims on policies it sold. */
const PARTNER_FIELDS = new Set(['claimStatusChanged']);

/**
 * Fields of a policy the partner that sold it is answered on, and those it is refused: who holds it,
 * what is insured and how the premium was priced from the holder's facts. Reviewed by hand: a new
 * field of Policy fails this suite until it is put in one of the two.
 */
const PARTNER_POLICY_FIELDS = new Set([
  'id',
  'number',
  'product',
  'productLabel',
  'status',
  'statusLabel',
  'periodStart',
  'periodEnd',
  'termMonths',
  'coverages',
  'premium',
  'instalments',
  'renewalWindow',
  'renewalOf',
  'renewedBy',
  'issuedAt',
  'payments',
  'documentUrl',
  'documents',
]);
const PARTNER_REFUSED_POLICY_FIELDS = new Set(['holder', 'insuredObject', 'tariff', 'conversations']);

/** Run last: they end the caller's session or consent, which later calls would otherwise trip over. */
const SESSION_ENDING = new Set(['signOut', 'revokeSession', 'revokeConsent']);

/** Codes no refusal may carry: they mean the server broke, not that it said no. */
const BROKEN_CODES = new Set([
  'INTERNAL_SERVER_ERROR',
  'GRAPHQL_VALIDATION_FAILED',
  'GRAPHQL_PARSE_FAILED',
  'SUBGRAPH_UNAVAILABLE',
  'DOWNSTREAM_SERVICE_ERROR',
]);

const supergraph = buildASTSchema(
  parse(readFileSync(join(import.meta.dirname, '../../schema/supergraph.graphql'), 'utf8')),
  { assumeValidSDL: true },
);

const accessible = (element: GraphQLField<unknown, unknown> | GraphQLArgument | GraphQLInputField) =>
  !element.astNode?.directives?.some((directive) => directive.name.value === 'inaccessible');

type RootKind = 'query' | 'mutation' | 'subscription';

interface RootOperation {
  readonly kind: RootKind;
  readonly field: string;
  readonly document: string;
  readonly variables: () => Record<string, unknown>;
}

/** A value the field's argument accepts; ids point at the victim's records where the name says which. */
function valueFor(field: string, name: string, type: GraphQLInputType): unknown {
  if (isNonNullType(type)) return valueFor(field, name, type.ofType);
  if (isListType(type)) return [valueFor(field, name, type.ofType)];
  if (isInputObjectType(type)) {
    return Object.fromEntries(
      Object.values(type.getFields())
        .filter((inner) => accessible(inner) && isNonNullType(inner.type))
        .map((inner) => [inner.name, valueFor(field, inner.name, inner.type)]),
    );
  }
  if (isEnumType(type)) return type.getValues()[0]?.value;
  switch (type.name) {
    case 'UUID':
      if (name === 'policyId' || (field === 'policy' && name === 'id')) return victimPolicy.id;
      if (field === 'customer' && name === 'id') return victim.id;
      return randomUUID();
    case 'Int':
      return name === 'size' ? 1024 : 1;
    case 'Float':
      return 1.5;
    case 'Boolean':
      return false;
    case 'DateTimeISO':
      return SEEDED_AT.toISOString();
    case 'LocalDate':
      return '2026-01-10';
    case 'MoneyAmount':
      return '1000.00';
    case 'EmailAddress':
      return 'matrix@example.ru';
    case 'PhoneNumber':
      return '+7 916 765-43-21';
    case 'INN':
      return victim.inn;
    case 'SNILS':
      return victim.snils;
    case 'JSONObject':
      return {};
    case 'String':
      return PLAUSIBLE_STRINGS[name] ?? 'Проверка доступа';
    default:
      throw new Error(`no value for scalar ${type.name} (${field}.${name}): teach the matrix`);
  }
}

const PLAUSIBLE_STRINGS: Record<string, string> = {
  idempotencyKey: 'matrix-key',
  currency: 'RUB',
  number: '2200000000000004',
  expiry: '12/30',
  version: CURRENT_CONSENT_VERSION,
  redirectUri: 'http://localhost:3000/signin/callback',
  contentType: 'application/pdf',
  fileName: 'polis.pdf',
  state: 'matrix-state',
  login: 'matrix',
  password: 'not-the-password',
  refreshToken: 'not-a-refresh-token',
  paymentReference: 'PAY-1',
};

function selectionOf(field: GraphQLField<unknown, unknown>): string {
  const type = getNamedType(field.type);
  if (!isObjectType(type)) return '';
  const leaves = Object.values(type.getFields())
    .filter((inner) => accessible(inner) && isLeafType(getNamedType(inner.type)))
    .filter((inner) => inner.args.every((arg) => !isNonNullType(arg.type) || arg.defaultValue !== undefined))
    .map((inner) => inner.name);
  return ` { __typename ${leaves.join(' ')} }`;
}

function operationsOf(kind: RootKind, root: GraphQLObjectType | null | undefined): RootOperation[] {
  return Object.values(root?.getFields() ?? {})
    .filter(accessible)
    .map((field) => {
      // Subscriptions get their optional ids too, so each principal's answer comes at once.
      const args = field.args.filter(
        (arg) =>
          accessible(arg) &&
          ((isNonNullType(arg.type) && arg.defaultValue === undefined) ||
            (kind === 'subscription' && getNamedType(arg.type).name === 'UUID')),
      );
      const declarations = args.map((arg) => `$${arg.name}: ${arg.type.toString()}`).join(', ');
      const call = args.map((arg) => `${arg.name}: $${arg.name}`).join(', ');
      return {
        kind,
        field: field.name,
        document: `${kind} Matrix${declarations ? `(${declarations})` : ''} { ${field.name}${call ? `(${call})` : ''}${selectionOf(field)} }`,
        variables: () =>
          Object.fromEntries(args.map((arg) => [arg.name, valueFor(field.name, arg.name, arg.type)])),
      };
    })
    .sort((a, b) => Number(SESSION_ENDING.has(a.field)) - Number(SESSION_ENDING.has(b.field)));
}

const OPERATIONS = [
  ...operationsOf('query', supergraph.getQueryType()),
  ...operationsOf('mutation', supergraph.getMutationType()),
  ...operationsOf('subscription', supergraph.getSubscriptionType()),
];

type PrincipalName = 'anonymous' | 'stranger' | 'partner' | 'staff';

const PRINCIPALS: Record<Exclude<PrincipalName, 'anonymous'>, () => TestPrincipal> = {
  stranger: () => ({
    kind: 'customer',
    customerId: stranger.id,
    sessionId: randomUUID(),
    trusted: true,
    consentVersion: CURRENT_CONSENT_VERSION,
  }),
  partner: () => ({
    kind: 'partner',
    partnerId: randomUUID(),
    clientId: 'matrix-partner',
    scopes: ['claims:status'],
  }),
  staff: () => ({
    kind: 'staff',
    staffId: randomUUID(),
    sessionId: randomUUID(),
    roles: ['adjuster', 'supervisor', 'analyst'],
  }),
};

type Outcome =
  { readonly answered: true; readonly body: string } | { readonly answered: false; readonly codes: string[] };

function outcomeOf(response: Pick<GraphQLResponse, 'data' | 'errors'>): Outcome {
  if (response.errors?.length) {
    return { answered: false, codes: response.errors.map((error) => String(error.extensions?.['code'])) };
  }
  return { answered: true, body: JSON.stringify(response.data) };
}

/** What only the victim (or staff) may read: none of it may reach another principal. */
const VICTIM_MARKERS = [
  victim.id,
  victim.lastName,
  victim.snils,
  victim.inn,
  victim.phone,
  victimPolicy.number,
];

async function subscriptionOutcome(url: string, operation: RootOperation, token?: string): Promise<Outcome> {
  const client = wsClient(url, token);
  const stream = collect(client, operation.document, operation.variables());
  try {
    await stream.until(1, 5_000).catch(() => undefined);
    if (stream.errors.length) {
      return {
        answered: false,
        codes: stream.errors.map((error) => {
          const extensions = (error as { extensions?: Record<string, unknown> }).extensions;
          if (extensions) return String(extensions['code']);
          const closed = error as { code?: number; reason?: string };
          return closed.code === undefined ? String(error) : `CLOSE_${closed.code}`;
        }),
      };
    }
    return { answered: true, body: JSON.stringify(stream.received) };
  } finally {
    stream.unsubscribe();
    await client.dispose();
  }
}

/**
 * Runs on the system oneSystem.access.e2e.test.ts shares, after the suites that need secondCustomer's
 * consent: it calls every root field as secondCustomer, revokeConsent among them.
 */
export function authorizationMatrixSuite(systemOf: () => TestSystem): void {
  describe('the authorization matrix over every root field of the supergraph', () => {
    matrixOverRootFields(systemOf);
  });
}

function matrixOverRootFields(systemOf: () => TestSystem): void {
  let system: TestSystem;

  beforeAll(() => {
    system = systemOf();
  });

  async function outcomeFor(operation: RootOperation, principal: PrincipalName): Promise<Outcome> {
    const token = principal === 'anonymous' ? undefined : await system.token(PRINCIPALS[principal]());
    if (operation.kind === 'subscription') return subscriptionOutcome(system.gatewayUrl, operation, token);
    const response = await graphql(system.gatewayUrl, operation.document, {
      variables: operation.variables(),
      ...(token ? { token } : {}),
    });
    expect(response.status, `${operation.field} as ${principal}`).toBeLessThan(500);
    return outcomeOf(response);
  }

  /** Tokens no service may honour, each for the victim, so an accepted one would show their data. */
  async function forgedTokens(): Promise<Record<string, string>> {
    const ring = await loadOrCreateKeyRing(join(system.dataDir, 'identity', 'signing-keys.json'));
    const asVictim = {
      kind: 'customer',
      customerId: victim.id,
      sessionId: randomUUID(),
      trusted: true,
      consentVersion: CURRENT_CONSENT_VERSION,
    } as const;
    const genuine = createAccessTokenSigner(ring, { issuer: 'cabinet-identity', audience: 'cabinet' });
    const strangerToken = await genuine.sign({ ...asVictim, customerId: stranger.id });
    const [header, payload, signature] = strangerToken.split('.') as [string, string, string];
    const claims = JSON.parse(new TextDecoder().decode(base64url.decode(payload))) as Record<string, unknown>;
    const reencode = (value: unknown) => base64url.encode(JSON.stringify(value));
    const forged = (rewrite: (claims: Record<string, unknown>) => void) => {
      const copy = { ...claims };
      rewrite(copy);
      return reencode(copy);
    };
    const outsider = await generateKeyPair(ACCESS_TOKEN_ALG);
    const now = Math.floor(systemClock().getTime() / 1000);
    return {
      expired: await genuine.sign(asVictim, {
        now: new Date(systemClock().getTime() - 3_600_000),
        ttlSeconds: 60,
      }),
      'wrong issuer': await createAccessTokenSigner(ring, {
        issuer: 'someone-else',
        audience: 'cabinet',
      }).sign(asVictim),
      'wrong audience': await createAccessTokenSigner(ring, {
        issuer: 'cabinet-identity',
        audience: 'other',
      }).sign(asVictim),
      tampered: `${header}.${forged((copy) => Object.assign(copy, { ...claimsFor(asVictim) }))}.${signature}`,
      'alg none': `${reencode({ alg: 'none', typ: 'JWT' })}.${forged((copy) => Object.assign(copy, claimsFor(asVictim)))}.`,
      'foreign key': await new SignJWT({ ...claimsFor(asVictim) })
        .setProtectedHeader({ alg: ACCESS_TOKEN_ALG, kid: ring.active.kid, typ: 'at+jwt' })
        .setIssuer('cabinet-identity')
        .setAudience('cabinet')
        .setIssuedAt(now)
        .setExpirationTime(now + 600)
        .sign(outsider.privateKey),
      'foreign key, embedded jwk': await new SignJWT({ ...claimsFor(asVictim) })
        .setProtectedHeader({
          alg: ACCESS_TOKEN_ALG,
          jwk: await exportJWK(outsider.publicKey),
          typ: 'at+jwt',
        })
        .setIssuer('cabinet-identity')
        .setAudience('cabinet')
        .setIssuedAt(now)
        .setExpirationTime(now + 600)
        .sign(outsider.privateKey),
    };
  }

  it('refuses expired, tampered, unsigned, foreign-key and wrong-issuer tokens over HTTP, at the gateway and every subgraph (called as the gateway calls it)', async () => {
    const tokens = await forgedTokens();
    const genuine = await graphql(system.gatewayUrl, '{ me { id } }', {
      token: await system.token(PRINCIPALS.stranger()),
    });
    expect(genuine.errors).toBeUndefined();
    const endpoints = {
      gateway: system.gatewayUrl,
      identity: system.services.identity.url,
      policy: system.services.policy.url,
      claims: system.services.claims.url,
      support: system.services.support.url,
    };
    for (const [name, token] of Object.entries(tokens)) {
      for (const [service, url] of Object.entries(endpoints)) {
        for (const document of ['{ me { id fullName } }', 'mutation { signOut { signedOut } }']) {
          const headers = service === 'gateway' ? {} : system.internalHeaders();
          const response = await graphql(url, document, { token, headers });
          const context = `${name} token at ${service}: ${document}`;
          expect(response.data ?? null, context).toBeNull();
          expect(
            response.errors?.map((error) => error.extensions?.['code']),
            context,
          ).toEqual(['UNAUTHENTICATED']);
          expect(JSON.stringify(response)).not.toContain(victim.lastName);
        }
      }
    }
  });

  it('refuses the same tokens at the WebSocket connection_init', async () => {
    const subscription = OPERATIONS.find((operation) => operation.kind === 'subscription');
    if (!subscription) throw new Error('the supergraph has no subscription');
    for (const [name, token] of Object.entries(await forgedTokens())) {
      const outcome = await subscriptionOutcome(system.gatewayUrl, subscription, token);
      expect(outcome, `${name} token over graphql-ws`).toEqual({ answered: false, codes: ['CLOSE_4403'] });
    }
  });

  it('finds the root fields of all three operation kinds', () => {
    expect(new Set(OPERATIONS.map((operation) => operation.kind))).toEqual(
      new Set(['query', 'mutation', 'subscription']),
    );
    for (const field of PUBLIC_FIELDS)
      expect(OPERATIONS.map((operation) => operation.field)).toContain(field);
  });

  it('exportConversationTranscript: a customer’s own conversation, any for operators; never a stranger’s, a partner’s or an adjuster’s', async () => {
    const asVictim: TestPrincipal = { ...PRINCIPALS.stranger(), customerId: victim.id } as TestPrincipal;
    const opened = await graphql<{ openConversation: { id: string } }>(
      system.gatewayUrl,
      'mutation { openConversation(input: { topic: GENERAL, text: "Вопрос для проверки доступа" }) { id } }',
      { token: await system.token(asVictim) },
    );
    expect(opened.errors).toBeUndefined();
    const exportAs = async (principal: TestPrincipal, view: 'CUSTOMER' | 'OPERATOR' | null = null) =>
      graphql<{ exportConversationTranscript: { url: string } }>(
        system.gatewayUrl,
        'mutation ($id: UUID!, $view: TranscriptView) { exportConversationTranscript(conversationId: $id, view: $view) { url } }',
        { token: await system.token(principal), variables: { id: opened.data!.openConversation.id, view } },
      );
    const staffWith = (role: 'adjuster' | 'support'): TestPrincipal => ({
      kind: 'staff',
      staffId: randomUUID(),
      sessionId: randomUUID(),
      roles: [role],
    });
    const codes = (response: GraphQLResponse) => response.errors?.map((error) => error.extensions?.['code']);

    expect(codes(await exportAs(PRINCIPALS.stranger()))).toEqual(['CONVERSATION_NOT_FOUND']);
    expect(codes(await exportAs(PRINCIPALS.partner()))).toEqual(['FORBIDDEN']);
    expect(codes(await exportAs(staffWith('adjuster')))).toEqual(['FORBIDDEN']);
    expect(codes(await exportAs(asVictim, 'OPERATOR'))).toEqual(['FORBIDDEN']);
    expect((await exportAs(asVictim)).errors).toBeUndefined();
    expect((await exportAs(staffWith('support'))).errors).toBeUndefined();
  });

  it('support attachments: only the uploader attaches them; partners and adjusters upload none', async () => {
    const asVictim: TestPrincipal = { ...PRINCIPALS.stranger(), customerId: victim.id } as TestPrincipal;
    const codes = (response: GraphQLResponse) => response.errors?.map((error) => error.extensions?.['code']);
    const announce = async (principal: TestPrincipal) =>
      graphql<{ requestSupportAttachmentUpload: { attachmentId: string } }>(
        system.gatewayUrl,
        'mutation ($key: String!) { requestSupportAttachmentUpload(fileName: "скан.pdf", contentType: "application/pdf", size: 100, idempotencyKey: $key) { attachmentId } }',
        { token: await system.token(principal), variables: { key: randomUUID() } },
      );
    const victims = await announce(asVictim);
    expect(victims.errors).toBeUndefined();
    expect(codes(await announce(PRINCIPALS.partner()))).toEqual(['FORBIDDEN']);
    expect(
      codes(
        await announce({
          kind: 'staff',
          staffId: randomUUID(),
          sessionId: randomUUID(),
          roles: ['adjuster'],
        }),
      ),
    ).toEqual(['FORBIDDEN']);
    const attachedBy = await graphql(
      system.gatewayUrl,
      'mutation ($ids: [UUID!]) { openConversation(input: { topic: GENERAL, text: "Чужой файл", attachmentIds: $ids }) { id } }',
      {
        token: await system.token(PRINCIPALS.stranger()),
        variables: { ids: [victims.data!.requestSupportAttachmentUpload.attachmentId] },
      },
    );
    expect(codes(attachedBy)).toEqual(['SUPPORT_ATTACHMENT_NOT_FOUND']);
  });

  const policyType = supergraph.getType('Policy');
  if (!isObjectType(policyType)) throw new Error('the supergraph has no Policy type');
  it.each(Object.values(policyType.getFields()).filter(accessible))(
    'Policy.$name for the partner that sold the policy: answered without the holder’s data, or refused',
    async (field) => {
      const token = await system.token({
        ...PRINCIPALS.partner(),
        partnerId: sellingPartnerId,
      } as TestPrincipal);
      const response = await graphql(
        system.gatewayUrl,
        `query ($id: UUID!) { policy(id: $id) { ${field.name}${selectionOf(field)} } }`,
        { token, variables: { id: victimPolicy.id } },
      );
      const visible = PARTNER_POLICY_FIELDS.has(field.name);
      expect(
        visible || PARTNER_REFUSED_POLICY_FIELDS.has(field.name),
        `Policy.${field.name}: classify it for partners`,
      ).toBe(true);
      if (visible) expect(response.errors, field.name).toBeUndefined();
      else expect(response.errors?.map((error) => error.extensions?.['code'])).toEqual(['FORBIDDEN']);
      for (const marker of VICTIM_MARKERS.filter((marker) => marker !== victimPolicy.number)) {
        expect(JSON.stringify(response)).not.toContain(marker);
      }
    },
  );

  it.each(OPERATIONS)('$kind $field: anonymous is refused unless the field is public', async (operation) => {
    const outcome = await outcomeFor(operation, 'anonymous');
    if (outcome.answered) {
      expect(PUBLIC_FIELDS, `anonymous reached ${operation.field}: classify it`).toContain(operation.field);
      return;
    }
    for (const code of outcome.codes) expect(BROKEN_CODES).not.toContain(code);
    if (PUBLIC_FIELDS.has(operation.field)) expect(outcome.codes).not.toContain('UNAUTHENTICATED');
    else
      expect(outcome.codes, operation.field).toEqual(
        expect.arrayContaining([expect.stringMatching(/^(UNAUTHENTICATED|CLOSE_4401|CLOSE_4403)$/)]),
      );
  });

  it.each(
    OPERATIONS.flatMap((operation) =>
      (['stranger', 'partner', 'staff'] as const).map((principal) => ({ ...operation, principal })),
    ),
  )(
    '$kind $field as $principal: a stable refusal or an answer without anyone else’s data',
    async (operation) => {
      const outcome = await outcomeFor(operation, operation.principal);
      if (!outcome.answered) {
        expect(outcome.codes.length).toBeGreaterThan(0);
        for (const code of outcome.codes) {
          expect(code, `${operation.field} as ${operation.principal}`).toMatch(/^[A-Z][A-Z0-9_]+$/);
          expect(BROKEN_CODES).not.toContain(code);
        }
        return;
      }
      if (operation.principal === 'partner') {
        expect(
          PUBLIC_FIELDS.has(operation.field) || PARTNER_FIELDS.has(operation.field),
          `a partner reached ${operation.field}: classify it`,
        ).toBe(true);
      }
      if (operation.principal === 'staff') return;
      for (const marker of VICTIM_MARKERS) expect(outcome.body).not.toContain(marker);
    },
  );
}
