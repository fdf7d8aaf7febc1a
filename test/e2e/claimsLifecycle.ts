import { randomUUID } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { LinkGrant } from '@cabinet/claims/testing';
import { LinkSigner } from '@cabinet/platform/files';
import type { Client } from 'graphql-ws';
import { beforeAll, describe, expect, it } from 'vitest';
import { formatRussianDate } from '@cabinet/kernel';
import { INSURER_HOTLINE, INSURER_LICENCE } from '@cabinet/platform/pdf';
import { claimsCast, demoStaffMember, seededDay } from '../support/demoCast.ts';
import { systemClock } from '../support/systemClock.ts';
import { submitClaim } from '../support/claimSubmission.ts';
import { collect, graphql, wsClient, type GraphQLResponse } from '../support/graphqlClient.ts';
import { eventually } from '../support/eventually.ts';
import { mailboxOf } from '../support/mailbox.ts';
import { pdfText, type MailboxMessage } from '@cabinet/platform/testing';
import type { TestSystem } from '../support/testSystem.ts';

const { own, other } = claimsCast();
const WAIT_MS = 60_000;
const PDF = Buffer.from('%PDF-1.7\n1 0 obj << /Type /Catalog >> endobj\n%%EOF\n');
const DESCRIPTION = 'Протечка с верхнего этажа, повреждён потолок';
const QUESTION = 'Нужен ли акт управляющей компании?';
const PHONE = '+7 916 765-43-21';

const customerOf = (customerId: string) =>
  ({ kind: 'customer', customerId, sessionId: randomUUID(), trusted: true }) as const;
const partnerOf = (partnerId: string) =>
  ({ kind: 'partner', partnerId, clientId: `client-${partnerId}`, scopes: ['claims:status'] }) as const;
const supervisor = {
  kind: 'staff',
  staffId: randomUUID(),
  sessionId: randomUUID(),
  roles: ['supervisor'],
} as const;

interface StatusChange {
  cursor: string;
  claimId: string;
  claimNumber: string;
  status: string;
  statusLabel: string;
  previousStatus: string | null;
  changedAt: string;
  policy: { number: string } | null;
}

const FOLLOW = /* GraphQL */ `
  subscription ($claimId: UUID, $after: String) {
    claimStatusChanged(claimId: $claimId, after: $after) {
      cursor
      claimId
      claimNumber
      status
      statusLabel
      previousStatus
      changedAt
      policy {
        number
      }
    }
  }
`;

const EXPORT = /* GraphQL */ `
  mutation ($claimId: UUID) {
    exportClaimHistory(claimId: $claimId) {
      url
      expiresAt
    }
  }
`;

/** The statuses a claim passes on its way to a payout, one per status change, in order. */
const LIFECYCLE = [
  'SUBMITTED',
  'ACCEPTED',
  'IN_PROGRESS',
  'AWAITING_RESPONSE',
  'IN_PROGRESS',
  'DOCUMENTS_REQUESTED',
  'IN_PROGRESS',
  'READY_FOR_PAYOUT',
  'COMPLETED',
];

/** Runs last on the system oneSystem.claims.e2e.test.ts shares: its last test stops claims. */
export function claimsLifecycleSuite(systemOf: () => TestSystem): void {
  describe('a claim’s life through the gateway: live status, resumption, partners, history report', () => {
    claimLife(systemOf);
  });
}

function claimLife(systemOf: () => TestSystem): void {
  let system: TestSystem;
  let customerToken: string;
  let strangerToken: string;
  let staffToken: string;
  let partnerToken: string;
  let otherPartnerToken: string;

  beforeAll(async () => {
    system = systemOf();
    customerToken = await system.token(customerOf(own.customer.id));
    strangerToken = await system.token(customerOf(other.customer.id));
    staffToken = await system.token(supervisor);
    partnerToken = await system.token(partnerOf(own.partnerId));
    otherPartnerToken = await system.token(partnerOf(other.partnerId));
  });

  const submit = (token: string, policyId: string) =>
    submitClaim(system.gatewayUrl, token, policyId, { description: DESCRIPTION, phone: PHONE });

  async function submitted(token: string, policyId: string) {
    const response = await submit(token, policyId);
    expect(response.errors).toBeUndefined();
    return response.data!.submitClaim;
  }

  async function act(token: string, mutation: string, variables: Record<string, unknown>) {
    const response = await graphql(system.gatewayUrl, mutation, { token, variables });
    expect(response.errors, mutation).toBeUndefined();
  }

  async function uploadedDocument(): Promise<string> {
    const upload = await graphql<{ requestDocumentUpload: { documentId: string; uploadUrl: string } }>(
      system.gatewayUrl,
      /* GraphQL */ `
        mutation ($key: String!, $size: Int!) {
          requestDocumentUpload(
            fileName: "акт о заливе.pdf"
            contentType: "application/pdf"
            size: $size
            idempotencyKey: $key
          ) {
            documentId
            uploadUrl
          }
        }
      `,
      { token: customerToken, variables: { key: `doc-${randomUUID()}`, size: PDF.length } },
    );
    expect(upload.errors).toBeUndefined();
    const { documentId, uploadUrl } = upload.data!.requestDocumentUpload;
    expect((await fetch(uploadUrl, { method: 'PUT', body: PDF })).status).toBe(201);
    return documentId;
  }

  /**
   * Takes a submitted claim of the customer's to a payout through every status of LIFECYCLE, in three
   * legs a test may act between: up to the customer's question, up to the documents given, paid.
   */
  function payout(claimId: string) {
    return {
      async untilQuestionAsked() {
        await act(staffToken, `mutation ($id: UUID!) { acceptClaim(id: $id) { status } }`, { id: claimId });
        await act(
          staffToken,
          `mutation ($id: UUID!, $a: UUID!) { assignClaim(id: $id, adjusterId: $a) { status } }`,
          { id: claimId, a: demoStaffMember('adjuster').id },
        );
        await act(staffToken, `mutation ($id: UUID!) { startClaimWork(id: $id) { status } }`, {
          id: claimId,
        });
        await act(
          customerToken,
          `mutation ($id: UUID!, $q: String!, $key: String!) { askClaimQuestion(id: $id, question: $q, idempotencyKey: $key) { status } }`,
          { id: claimId, q: QUESTION, key: `ask-${randomUUID()}` },
        );
      },
      async untilDocumentsProvided() {
        await act(
          staffToken,
          `mutation ($id: UUID!) { answerClaimQuestion(id: $id, answer: "Да, приложите акт") { status } }`,
          { id: claimId },
        );
        await act(
          staffToken,
          `mutation ($id: UUID!) { requestClaimDocuments(id: $id, message: "Приложите акт") { status } }`,
          { id: claimId },
        );
        await act(
          customerToken,
          `mutation ($id: UUID!, $docs: [UUID!]!, $key: String!) { provideClaimDocuments(id: $id, documentIds: $docs, idempotencyKey: $key) { status } }`,
          { id: claimId, docs: [await uploadedDocument()], key: `provide-${randomUUID()}` },
        );
      },
      async untilPaid() {
        await act(
          staffToken,
          `mutation ($id: UUID!) { approveClaim(id: $id, amount: "87000.00") { status } }`,
          {
            id: claimId,
          },
        );
        await act(staffToken, `mutation ($id: UUID!) { markClaimReadyForPayout(id: $id) { status } }`, {
          id: claimId,
        });
        await act(
          staffToken,
          `mutation ($id: UUID!) { payOutClaim(id: $id, paymentReference: "PP-77") { status } }`,
          { id: claimId },
        );
      },
    };
  }

  it('delivers every change in order with the policy resolved, resumes without gap or duplicate, and shows partners only their claims', async () => {
    // A claim before anyone subscribes: its cursor is where every subscription below starts from,
    // so none of them depends on when its socket happens to open.
    const baseline = await submitted(strangerToken, other.policy.id);

    const clients: Client[] = [];
    const follow = (token: string, after: string) => {
      const client = wsClient(system.gatewayUrl, token);
      clients.push(client);
      return { client, changes: collect<{ claimStatusChanged: StatusChange }>(client, FOLLOW, { after }) };
    };
    const everyOwn = follow(customerToken, baseline.cursor).changes;
    const dropping = follow(customerToken, baseline.cursor);
    const resuming = dropping.changes;
    const partner = follow(partnerToken, baseline.cursor).changes;
    const otherPartner = follow(otherPartnerToken, baseline.cursor).changes;
    const strangers = follow(strangerToken, baseline.cursor).changes;

    const claim = await submitted(customerToken, own.policy.id);
    const toPayout = payout(claim.id);
    await toPayout.untilQuestionAsked();

    // The resuming subscriber has seen the first four changes; its connection drops.
    const seenBeforeDrop = (await resuming.until(4, WAIT_MS)).map((payload) => payload.claimStatusChanged);
    expect(seenBeforeDrop.map((change) => change.status)).toEqual(LIFECYCLE.slice(0, 4));
    resuming.unsubscribe();
    await dropping.client.dispose();

    await toPayout.untilDocumentsProvided();

    // It comes back with the cursor of the last change it saw, while the claim keeps moving.
    const resumed = follow(customerToken, seenBeforeDrop.at(-1)!.cursor).changes;
    await toPayout.untilPaid();

    // Markers: a claim the other partner and the stranger follow, then one the partner and the
    // customer follow. Arriving in log order, each proves nothing else came before it.
    const strangersMarker = await submitted(strangerToken, other.policy.id);
    const customersMarker = await submitted(customerToken, own.policy.id);

    const changesOf = async (subscription: typeof everyOwn, count: number) =>
      (await subscription.until(count, WAIT_MS)).map((payload) => payload.claimStatusChanged);

    const all = await changesOf(everyOwn, LIFECYCLE.length + 1);
    expect(all.map((change) => [change.claimId, change.status])).toEqual([
      ...LIFECYCLE.map((status) => [claim.id, status]),
      [customersMarker.id, 'SUBMITTED'],
    ]);
    expect(all.map((change) => change.previousStatus)).toEqual([null, ...LIFECYCLE.slice(0, -1), null]);
    expect(all.map((change) => change.policy)).toEqual(all.map(() => ({ number: own.policy.number })));
    expect(all[3]).toMatchObject({ claimNumber: claim.number, statusLabel: 'Ожидает ответа' });
    expect(new Set(all.map((change) => change.cursor)).size).toBe(all.length);
    const changedAt = all.map((change) => Date.parse(change.changedAt));
    expect(changedAt).toEqual([...changedAt].sort((a, b) => a - b));

    // Resumed: exactly the changes after the last one seen, none twice, none missing.
    const afterDrop = await changesOf(resumed, LIFECYCLE.length - 4 + 1);
    expect([...seenBeforeDrop, ...afterDrop].map((change) => change.cursor)).toEqual(
      all.map((change) => change.cursor),
    );

    // The partner that sold the policy: the same changes, nothing personal, not the other claim.
    const sold = await changesOf(partner, LIFECYCLE.length + 1);
    expect(sold.map((change) => change.cursor)).toEqual(all.map((change) => change.cursor));
    expect(sold[0]).toEqual(all[0]);
    const partnerSaw = JSON.stringify(sold);
    for (const personal of [DESCRIPTION, QUESTION, '765-43-21', own.customer.lastName, own.customer.id]) {
      expect(partnerSaw).not.toContain(personal);
    }

    // The other partner and the stranger: only the stranger's marker, nothing of the customer's.
    for (const subscription of [otherPartner, strangers]) {
      const seen = await changesOf(subscription, 1);
      expect(seen.map((change) => [change.claimId, change.status])).toEqual([
        [strangersMarker.id, 'SUBMITTED'],
      ]);
      expect(seen[0]?.policy).toEqual({ number: other.policy.number });
    }
    for (const subscription of [everyOwn, resumed, partner, otherPartner, strangers]) {
      expect(subscription.errors).toEqual([]);
      subscription.unsubscribe();
    }
    for (const client of clients) await client.dispose();

    // A partner follows statuses only: neither the card nor the report.
    const card = await graphql(
      system.gatewayUrl,
      `
        query ($id: UUID!) {
          claim(id: $id) {
            id
          }
        }
      `,
      {
        token: partnerToken,
        variables: { id: claim.id },
      },
    );
    expect(card.errors?.[0]?.extensions?.['code']).toBe('CLAIM_NOT_FOUND');

    // The policy it sold: the number and status, but not who holds it or what is insured.
    const soldPolicy = await graphql<{ policy: { number: string } }>(
      system.gatewayUrl,
      /* GraphQL */ `
        query ($id: UUID!) {
          policy(id: $id) {
            number
            status
          }
        }
      `,
      { token: partnerToken, variables: { id: own.policy.id } },
    );
    expect(soldPolicy.errors).toBeUndefined();
    expect(soldPolicy.data?.policy.number).toBe(own.policy.number);
    for (const personalField of [
      'holder { fullName }',
      'insuredObject { description }',
      'tariff { notes }',
    ]) {
      const refused = await graphql(
        system.gatewayUrl,
        /* GraphQL */ `query ($id: UUID!) { policy(id: $id) { number ${personalField} } }`,
        { token: partnerToken, variables: { id: own.policy.id } },
      );
      expect(refused.errors?.[0]?.extensions?.['code']).toBe('FORBIDDEN');
      expect(JSON.stringify(refused)).not.toContain(own.customer.lastName);
    }
  });

  it('e-mails the customer one letter per status change, greeting them by name, naming the documents asked for and the sum paid', async () => {
    // Given a claim taken to a payout through every status
    const claim = await submitted(customerToken, own.policy.id);
    const toPayout = payout(claim.id);
    await toPayout.untilQuestionAsked();
    await toPayout.untilDocumentsProvided();
    await toPayout.untilPaid();

    // When its letters have arrived: one per change (the link to the claim is in each)
    const letters = await eventually(
      async () => (await mailboxOf(system)).filter((letter) => letter.text.includes(claim.id)),
      { what: 'a letter for each status change', until: (found) => found.length >= LIFECYCLE.length },
    );

    // Then exactly one each, to the verified address, each with an HTML and a plain-text part
    const statusOf = (letter: MailboxMessage) => letter.subject.replace(`Заявление ${claim.number}: `, '');
    expect(letters.map(statusOf).sort()).toEqual(
      [
        'Подано',
        'Принято',
        'В работе',
        'Ожидает ответа',
        'В работе',
        'Требуются документы',
        'В работе',
        'Готово к выдаче',
        'Завершено (Выплачено)',
      ].sort(),
    );
    const link = new URL(`claims/${claim.id}`, system.signInPageUrl).toString();
    const greeting = `Здравствуйте, ${own.customer.firstName} ${own.customer.middleName}!`;
    for (const letter of letters) {
      expect(letter.to).toBe(own.customer.email);
      expect(letter.text).toContain(greeting);
      expect(letter.html).toContain(greeting);
      expect(letter.text).toContain(`Подробности в личном кабинете: ${link}`);
      expect(letter.html).toContain(`href="${link}"`);
    }
    const [documents] = letters.filter((letter) => statusOf(letter) === 'Требуются документы');
    expect(documents?.text).toContain('Какие документы нужны:\nПриложите акт');
    expect(documents?.html).toMatch(
      /Какие документы нужны:<\/p>\s*<blockquote[^>]*>Приложите акт<\/blockquote>/,
    );
    const [paid] = letters.filter((letter) => statusOf(letter) === 'Завершено (Выплачено)');
    expect(paid?.text).toContain('Сумма выплаты: 87\u202f000,00\u00a0₽.');
    expect(paid?.html).toContain('Сумма выплаты: <strong>87\u202f000,00\u00a0₽</strong>.');
  });

  it('refuses a claim on someone else’s policy, and a customer without the consent in force', async () => {
    const foreign = await submit(customerToken, other.policy.id);
    expect(foreign.errors?.[0]?.extensions?.['code']).toBe('POLICY_NOT_FOUND');

    const withoutConsent = await system.token({ ...customerOf(own.customer.id), consentVersion: null });
    const refused = await submit(withoutConsent, own.policy.id);
    expect(refused.errors?.[0]?.extensions?.['code']).toBe('CONSENT_REQUIRED');
    const report = await graphql(system.gatewayUrl, EXPORT, { token: withoutConsent, variables: {} });
    expect(report.errors?.[0]?.extensions?.['code']).toBe('CONSENT_REQUIRED');

    const client = wsClient(system.gatewayUrl, withoutConsent);
    const following = collect(client, FOLLOW, {});
    await following.until(1, WAIT_MS);
    expect(following.received).toEqual([]);
    expect(JSON.stringify(following.errors)).toContain('CONSENT_REQUIRED');
    await client.dispose();
  });

  it('lets nobody else follow a customer’s claim by its id', async () => {
    const claim = await submitted(customerToken, own.policy.id);
    for (const token of [strangerToken, otherPartnerToken]) {
      const client = wsClient(system.gatewayUrl, token);
      const following = collect(client, FOLLOW, { claimId: claim.id });
      await following.until(1, WAIT_MS);
      expect(following.received).toEqual([]);
      expect(JSON.stringify(following.errors)).toContain('CLAIM_NOT_FOUND');
      await client.dispose();
    }
  });

  it('saves the history as a PDF behind a short-lived signed link that opens nothing else', async () => {
    const paid = await submitted(customerToken, own.policy.id);
    const toPayout = payout(paid.id);
    await toPayout.untilQuestionAsked();
    await toPayout.untilDocumentsProvided();
    await toPayout.untilPaid();
    const second = await submitted(customerToken, own.policy.id);
    const linkFor = async (token: string, claimId?: string) => {
      const response = await graphql<{ exportClaimHistory: { url: string; expiresAt: string } }>(
        system.gatewayUrl,
        EXPORT,
        { token, variables: claimId === undefined ? {} : { claimId } },
      );
      expect(response.errors).toBeUndefined();
      return new URL(response.data!.exportClaimHistory.url);
    };
    const textAt = async (url: URL) => {
      // Through the gateway's origin only: the claims service's own port is internal.
      expect(url.origin).toBe(new URL(system.gatewayUrl).origin);
      expect(url.pathname).toMatch(/^\/files\/claims\/claim-history\//);
      const response = await fetch(url);
      expect(response.status).toBe(200);
      expect(response.headers.get('content-type')).toBe('application/pdf');
      return (await pdfText(new Uint8Array(await response.arrayBuffer()))).replace(/[\s\u202f\u00a0]+/g, ' ');
    };

    const one = await textAt(await linkFor(customerToken, paid.id));
    expect(one).toContain(`История заявления № ${paid.number}`);
    expect(one).toContain(own.policy.number);
    for (const label of [
      'Подано',
      'Принято',
      'В работе',
      'Ожидает ответа',
      'Требуются документы',
      'Готово к выдаче',
    ]) {
      expect(one).toMatch(new RegExp(`\\d{2}\\.\\d{2}\\.\\d{4}, \\d{2}:\\d{2} — ${label}`));
    }
    expect(one).toContain('Завершено (Выплачено)');
    expect(one).toContain('Статус: Готово к выдаче → Завершено');
    expect(one).toContain('Выплата проведена: 87 000');
    expect(one).toContain(QUESTION);
    const { lastName, firstName, middleName } = own.policy.holderName;
    for (const fact of [
      `Клиент: ${lastName} ${firstName} ${middleName}`,
      `Дата происшествия: ${formatRussianDate(seededDay())}`,
      'акт о заливе.pdf',
      `(код сотрудника ${demoStaffMember('adjuster').id.slice(0, 8).toUpperCase()})`,
      'Сумма выплаты: 87 000,00 ₽',
      'платёж № PP-77',
      'Контакты страховщика',
      INSURER_LICENCE,
      `Горячая линия: ${INSURER_HOTLINE}`,
    ]) {
      expect(one).toContain(fact);
    }
    expect(one).toMatch(
      new RegExp(
        `Урегулировщик: ${demoStaffMember('adjuster').fullName}, назначен \\d{2}\\.\\d{2}\\.\\d{4}, \\d{2}:\\d{2}`,
      ),
    );
    expect(one).toMatch(/Выплачено: 87 000,00 ₽ \d{2}\.\d{2}\.\d{4}, \d{2}:\d{2}, платёж № PP-77/);
    const pages = one.match(/Страница \d+ из \d+/g) ?? [];
    expect(pages.length).toBeGreaterThan(0);
    expect(pages).toEqual(pages.map((_, index) => `Страница ${index + 1} из ${pages.length}`));
    expect(one).not.toContain(second.number);

    const everything = await textAt(await linkFor(customerToken));
    expect(everything).toContain(`Заявление № ${paid.number}`);
    expect(everything).toContain(`Заявление № ${second.number}`);
    expect(everything).not.toContain(other.policy.number);

    expect(await textAt(await linkFor(staffToken, paid.id))).toContain(paid.number);

    for (const [token, code] of [
      [strangerToken, 'CLAIM_NOT_FOUND'],
      [partnerToken, 'CLAIM_NOT_FOUND'],
    ] as const) {
      const refused = await graphql(system.gatewayUrl, EXPORT, { token, variables: { claimId: paid.id } });
      expect(refused.errors?.[0]?.extensions?.['code']).toBe(code);
    }

    const refusal = async (url: URL | string) => {
      const response = await fetch(url);
      return {
        status: response.status,
        code: ((await response.json()) as { error: { code: string } }).error.code,
      };
    };
    const link = await linkFor(customerToken, paid.id);
    const tampered = new URL(link);
    const token = link.searchParams.get('token')!;
    tampered.searchParams.set(
      'token',
      `${token.slice(0, 10)}${token[10] === 'A' ? 'B' : 'A'}${token.slice(11)}`,
    );
    expect(await refusal(tampered)).toEqual({ status: 403, code: 'DOCUMENT_LINK_INVALID' });
    const foreign = link.href.replace(`/${paid.id}.pdf`, `/${second.id}.pdf`);
    expect(await refusal(foreign)).toEqual({ status: 403, code: 'DOCUMENT_LINK_INVALID' });
    expect(await refusal(link.href.replace(`/${paid.id}.pdf`, '/all.pdf'))).toEqual({
      status: 403,
      code: 'DOCUMENT_LINK_INVALID',
    });
    // A link the service signed six minutes ago, with its own key: past its five minutes.
    const key = Buffer.from(
      (await readFile(join(system.dataDir, 'claims', 'document-link.key'), 'utf8')).trim(),
      'base64',
    );
    const stale = new LinkSigner<LinkGrant>(key).sign({
      purpose: 'history',
      customerId: own.customer.id,
      claimId: paid.id,
      expiresAt: systemClock().getTime() - 60_000,
    });
    const expired = new URL(link);
    expired.searchParams.set('token', stale);
    expect(await refusal(expired)).toEqual({ status: 403, code: 'DOCUMENT_LINK_EXPIRED' });
  });

  it('answers retried commands as the first time and records each once, with its request and command in the log', async () => {
    const key = `submit-${randomUUID()}`;
    const racing = await Promise.all([
      submitClaim(system.gatewayUrl, customerToken, own.policy.id, { key }),
      submitClaim(system.gatewayUrl, customerToken, own.policy.id, { key }),
    ]);
    expect(racing.map((response) => response.errors)).toEqual([undefined, undefined]);
    const [first, second] = racing.map((response) => response.data!.submitClaim);
    expect(second).toEqual(first);
    const claimId = first!.id;
    const otherSubmission = await submitClaim(system.gatewayUrl, customerToken, own.policy.id, {
      key,
      description: 'Другое происшествие',
    });
    expect(otherSubmission.errors?.[0]?.extensions?.code).toBe('IDEMPOTENCY_KEY_REUSED');

    const twice = async (token: string, mutation: string, variables: Record<string, unknown>) => {
      const requestIds = [`retry-${randomUUID()}`, `retry-${randomUUID()}`];
      const answers = [];
      for (const requestId of requestIds) {
        const response = await graphql<Record<string, { status: string }>>(system.gatewayUrl, mutation, {
          token,
          variables,
          headers: { 'x-request-id': requestId },
        });
        expect(response.errors, mutation).toBeUndefined();
        answers.push(Object.values(response.data!)[0]!.status);
      }
      expect(answers[1]).toBe(answers[0]);
      return { status: answers[0]!, requestIds, key: variables.key };
    };

    await payout(claimId).untilQuestionAsked();
    const asked = `ask-${randomUUID()}`;
    const askAgain = () =>
      twice(
        customerToken,
        `mutation ($id: UUID!, $q: String!, $key: String!) { askClaimQuestion(id: $id, question: $q, idempotencyKey: $key) { status } }`,
        { id: claimId, q: 'И ещё: сколько ждать?', key: asked },
      );
    await act(
      staffToken,
      `mutation ($id: UUID!) { answerClaimQuestion(id: $id, answer: "Да, приложите акт") { status } }`,
      { id: claimId },
    );
    const question = await askAgain();
    expect(question.status).toBe('AWAITING_RESPONSE');
    await act(
      staffToken,
      `mutation ($id: UUID!) { answerClaimQuestion(id: $id, answer: "Около недели") { status } }`,
      { id: claimId },
    );
    // Retried after the answer: the question is not asked again, and the answer is the first one's.
    expect((await askAgain()).status).toBe('AWAITING_RESPONSE');

    const documents = await twice(
      customerToken,
      `mutation ($id: UUID!, $docs: [UUID!]!, $key: String!) { provideClaimDocuments(id: $id, documentIds: $docs, idempotencyKey: $key) { status } }`,
      { id: claimId, docs: [await uploadedDocument()], key: `provide-${randomUUID()}` },
    );
    expect(documents.status).toBe('IN_PROGRESS');
    const approval = await twice(
      staffToken,
      `mutation ($id: UUID!, $key: String) { approveClaim(id: $id, amount: "1000.00", idempotencyKey: $key) { status } }`,
      { id: claimId, key: `approve-${randomUUID()}` },
    );
    expect(approval.status).toBe('IN_PROGRESS');
    const otherAmount = await graphql(
      system.gatewayUrl,
      `
        mutation ($id: UUID!, $key: String) {
          approveClaim(id: $id, amount: "2000.00", idempotencyKey: $key) {
            status
          }
        }
      `,
      { token: staffToken, variables: { id: claimId, key: approval.key } },
    );
    expect(otherAmount.errors?.[0]?.extensions?.code).toBe('IDEMPOTENCY_KEY_REUSED');

    const analyst = await system.token({
      kind: 'staff',
      staffId: randomUUID(),
      sessionId: randomUUID(),
      roles: ['analyst'],
    });
    const logged = await claimLogOf(analyst, claimId);
    const once = (type: string) => logged.filter((event) => event.type === type);
    expect(once('ClaimSubmitted')).toHaveLength(1);
    expect(once('ClaimQuestionAsked')).toHaveLength(2);
    expect(once('ClaimDocumentsProvided')).toHaveLength(1);
    expect(once('ClaimApproved')).toHaveLength(1);
    for (const event of logged) expect(event.causationId).toMatch(/^[0-9a-f-]{36}$/);
    expect(new Set(logged.map((event) => event.causationId)).size).toBe(logged.length);
    const [provided] = once('ClaimDocumentsProvided');
    const [approved] = once('ClaimApproved');
    expect(provided!.correlationId).toBe(documents.requestIds[0]);
    expect(approved!.correlationId).toBe(approval.requestIds[0]);
    const laterQuestion = once('ClaimQuestionAsked')[1]!;
    expect(laterQuestion.correlationId).toBe(question.requestIds[0]);
  });

  async function claimLogOf(token: string, claimId: string) {
    interface PageInfo {
      hasNextPage: boolean;
      endCursor: string | null;
    }
    interface Logged {
      claimId: string;
      type: string;
      correlationId: string;
      causationId: string | null;
    }
    const found: Logged[] = [];
    let after: string | null = null;
    for (;;) {
      const page: GraphQLResponse<{ claimEvents: { nodes: Logged[]; pageInfo: PageInfo } }> = await graphql(
        system.gatewayUrl,
        /* GraphQL */ `
          query ($after: String) {
            claimEvents(after: $after, first: 100) {
              nodes {
                claimId
                type
                correlationId
                causationId
              }
              pageInfo {
                hasNextPage
                endCursor
              }
            }
          }
        `,
        { token, variables: { after } },
      );
      expect(page.errors).toBeUndefined();
      const { nodes, pageInfo } = page.data!.claimEvents;
      found.push(...nodes.filter((event) => event.claimId === claimId));
      if (!pageInfo.hasNextPage) return found;
      after = pageInfo.endCursor;
    }
  }

  it('keeps answering `me` without its claims while the claims service is down', async () => {
    await system.services.claims.stop();
    const response = await graphql<{ me: { fullName: string; claims: { totalCount: number } | null } }>(
      system.gatewayUrl,
      /* GraphQL */ `
        {
          me {
            fullName
            claims {
              totalCount
            }
          }
        }
      `,
      { token: customerToken },
    );
    expect(response.data?.me).toEqual({
      fullName: `${own.customer.lastName} ${own.customer.firstName} ${own.customer.middleName}`,
      claims: null,
    });
    expect(response.errors).toEqual([expect.objectContaining({ path: ['me', 'claims'] })]);
  });
}
