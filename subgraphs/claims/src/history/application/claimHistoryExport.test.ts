import { randomUUID } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CURRENT_CONSENT_VERSION, isDomainError, type Principal } from '@cabinet/kernel';
import { openDocumentStore, type DocumentStore } from '@cabinet/platform/documents';
import { openEventStore, type EventStore } from '@cabinet/platform/eventstore';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { pdfText } from '@cabinet/platform/testing';
import { INSURER_HOTLINE, INSURER_LICENCE } from '@cabinet/platform/pdf';
import { ClaimCommandHandler } from '../../claim/application/claimCommandHandler.ts';
import { withoutActivity } from '../../claim/application/claimActivity.ts';
import { CLAIM_STREAM_CATEGORY } from '../../claim/domain/claimStreamId.ts';
import {
  ADJUSTER,
  CLAIM_ID,
  CLAIM_NUMBER,
  command,
  moscowNoon,
  CUSTOMER,
  OTHER_CUSTOMER,
  RULES,
  submitClaim,
  SUPERVISOR,
} from '../../claim/domain/testing/claimFixtures.ts';
import { ClaimCardReader } from '../../claim/storage/claimCardReader.ts';
import { openClaimReadModels, type ClaimReadModels } from '../../claim/storage/claimReadModels.ts';
import { LinkSigner, PublicLinks } from '@cabinet/platform/files';
import type { LinkGrant } from '../../documents/application/linkGrants.ts';
import { CustomerKeyVault } from '@cabinet/platform/privacy';
import { CLAIM_HISTORY_LINK_TTL_MS, ClaimHistoryExport } from './claimHistoryExport.ts';

const SECOND_CLAIM_ID = '5b0e2d41-7c3a-4f19-8e6d-1a2b3c4d5e6f';
const FOREIGN_CLAIM_ID = '8d4c3b2a-1f0e-4d9c-8b7a-6f5e4d3c2b1a';
const QUESTION = 'Когда будет решение?';
const ISSUED_AT = new Date('2026-04-20T09:00:00Z');

const customerId = CUSTOMER.kind === 'customer' ? CUSTOMER.customerId : '';
const customer: Principal = {
  kind: 'customer',
  customerId,
  sessionId: 'session-1',
  trusted: true,
  consentVersion: CURRENT_CONSENT_VERSION,
};
const stranger: Principal = { ...customer, customerId: 'customer-2' };
const staff: Principal = {
  kind: 'staff',
  staffId: 'supervisor-1',
  sessionId: 'session-2',
  roles: ['supervisor'],
};
const partner: Principal = {
  kind: 'partner',
  partnerId: 'partner-1',
  clientId: 'bank',
  scopes: ['claims:status'],
};

let directory: string;
let events: EventStore;
let documents: DocumentStore;
let readModels: ClaimReadModels;
let clock: Date;
let history: ClaimHistoryExport;
let run: (claimId: string, next: Parameters<ClaimCommandHandler['execute']>[1]) => Promise<unknown>;
const signer = new LinkSigner<LinkGrant>(Buffer.alloc(32, 9));

beforeEach(async () => {
  directory = await mkdtemp(join(tmpdir(), 'claims-history-'));
  events = await openEventStore({ sqliteFile: join(directory, 'events.sqlite') });
  documents = await openDocumentStore({
    database: 'claims',
    sqliteFile: join(directory, 'documents.sqlite'),
  });
  readModels = await openClaimReadModels(documents);
  clock = ISSUED_AT;
  const vault = await CustomerKeyVault.open(documents, () => clock);
  history = new ClaimHistoryExport(
    new ClaimCardReader(events, readModels.cards, vault),
    readModels.summaries,
    signer,
    new PublicLinks('http://claims.test'),
    () => clock,
  );

  // Given two claims of the customer (one accepted and asked about) and one of another customer
  const handler = new ClaimCommandHandler(events, vault, RULES, withoutActivity);
  run = (claimId, next) => handler.execute(claimId, next, { correlationId: 'test' });
  await run(CLAIM_ID, submitClaim());
  await run(CLAIM_ID, command('AcceptClaim', {}, SUPERVISOR, '2026-04-14'));
  await run(
    CLAIM_ID,
    command(
      'RequestClaimClarification',
      { clarificationId: '5d1c0a39-8f0e-4a1e-9a57-2b7e3c9f4d10', question: QUESTION },
      CUSTOMER,
      '2026-04-15',
    ),
  );
  await run(
    SECOND_CLAIM_ID,
    submitClaim({ claimId: SECOND_CLAIM_ID, claimNumber: 'У-2026-000124' }, '2026-04-16'),
  );
  await run(FOREIGN_CLAIM_ID, {
    ...submitClaim({ claimId: FOREIGN_CLAIM_ID, claimNumber: 'У-2026-000125' }),
    actor: OTHER_CUSTOMER,
  });
  for (const projection of readModels.projections) {
    for (const event of await events.readAll({ categories: [CLAIM_STREAM_CATEGORY], maxCount: 1_000 })) {
      await projection.apply(event);
    }
  }
});

afterEach(async () => {
  await events.close();
  await documents.close();
  await rm(directory, { recursive: true, force: true });
});

function scopeAndToken(url: string): { scope: string; token: string } {
  const parsed = new URL(url);
  const scope = decodeURIComponent(/\/claim-history\/(.+)\.pdf$/.exec(parsed.pathname)?.[1] ?? '');
  return { scope, token: parsed.searchParams.get('token') ?? '' };
}

async function codeOf(action: Promise<unknown>): Promise<string> {
  const error = await action.then(
    () => null,
    (thrown: unknown) => thrown,
  );
  return isDomainError(error) ? error.code : `not a DomainError: ${String(error)}`;
}

describe('claim history export', () => {
  it('renders one claim: number, policy, statuses with dates, every event in Russian with the customer’s text', async () => {
    const link = await history.link(customer, CLAIM_ID);
    expect(link.expiresAt).toEqual(new Date(ISSUED_AT.getTime() + CLAIM_HISTORY_LINK_TTL_MS));
    const { scope, token } = scopeAndToken(link.url);

    const file = await history.render(scope, token);

    expect(file.fileName).toBe(`Заявление ${CLAIM_NUMBER}.pdf`);
    const text = (await pdfText(new Uint8Array(file.pdf))).replace(/\s+/g, ' ');
    expect(text).toContain(`История заявления № ${CLAIM_NUMBER}`);
    expect(text).toContain('ХХХ 0123456789, ОСАГО');
    expect(text).toContain('13.04.2026, 12:00 — Подано');
    expect(text).toContain('14.04.2026, 12:00 — Принято');
    expect(text).toContain('15.04.2026, 12:00 — Ожидает ответа');
    expect(text).toContain('Заявление принято к рассмотрению');
    expect(text).toContain('Статус: Принято → Ожидает ответа');
    expect(text).toContain(QUESTION);
    expect(text).not.toContain('У-2026-000124');
  });

  it('prints the customer, the incident date, the files, the adjuster, the payout with its reference, page numbers and contacts', async () => {
    // Given the second claim worked through to its payout
    for (const [next, on] of [
      [command('AcceptClaim', {}, SUPERVISOR), '2026-04-17'],
      [
        command(
          'AssignClaim',
          {
            adjusterId: 'adjuster-1',
            registered: { staffId: 'adjuster-1', fullName: 'Петров Пётр Петрович', roles: ['adjuster'] },
          },
          SUPERVISOR,
        ),
        '2026-04-17',
      ],
      [command('StartClaimWork', {}, ADJUSTER), '2026-04-18'],
      [command('ApproveClaim', { amountKopecks: 12_345_67 }, ADJUSTER), '2026-04-19'],
      [command('MarkClaimReadyForPayout', {}, ADJUSTER), '2026-04-19'],
      [command('PayOutClaim', { paymentReference: 'ПП-2026-0042' }, ADJUSTER), '2026-04-20'],
    ] as const) {
      await run(SECOND_CLAIM_ID, {
        ...next,
        metadata: { ...next.metadata, commandId: randomUUID(), now: moscowNoon(on) },
      });
    }
    const { scope, token } = scopeAndToken((await history.link(customer, SECOND_CLAIM_ID)).url);

    const text = (await pdfText(new Uint8Array((await history.render(scope, token)).pdf))).replace(
      /[\s\u202f\u00a0]+/g,
      ' ',
    );

    for (const fact of [
      'Клиент: Иванов Иван Иванович',
      'Дата происшествия: 10.04.2026',
      'Приложенные файлы',
      'извещение о ДТП.pdf — 16.04.2026, 12:00',
      'Урегулировщик: Петров Пётр Петрович, назначен 18.04.2026, 12:00 (код сотрудника ADJUSTER)',
      'Сумма выплаты: 12 345,67 ₽',
      'Выплачено: 12 345,67 ₽ 20.04.2026, 12:00, платёж № ПП-2026-0042',
      'Страница 1 из 1',
      'Контакты страховщика',
      INSURER_LICENCE,
      `Горячая линия: ${INSURER_HOTLINE}`,
    ]) {
      expect(text).toContain(fact);
    }
  });

  it('renders all claims of the customer, and none of anyone else', async () => {
    const { scope, token } = scopeAndToken((await history.link(customer, null)).url);
    expect(scope).toBe('all');

    const text = (await pdfText(new Uint8Array((await history.render(scope, token)).pdf))).replace(
      /\s+/g,
      ' ',
    );

    expect(text).toContain('История заявлений');
    expect(text).toContain(`Заявление № ${CLAIM_NUMBER}`);
    expect(text).toContain('Заявление № У-2026-000124');
    expect(text).not.toContain('У-2026-000125');
  });

  it('gives staff a link to any claim they name', async () => {
    const { scope, token } = scopeAndToken((await history.link(staff, FOREIGN_CLAIM_ID)).url);
    expect((await history.render(scope, token)).fileName).toBe('Заявление У-2026-000125.pdf');
  });

  it.each([
    ['another customer’s claim', stranger, CLAIM_ID, 'CLAIM_NOT_FOUND'],
    ['an unknown claim', customer, '00000000-0000-4000-8000-000000000000', 'CLAIM_NOT_FOUND'],
    ['a partner', partner, CLAIM_ID, 'CLAIM_NOT_FOUND'],
    ['a partner, all claims', partner, null, 'FORBIDDEN'],
    ['staff without a claim', staff, null, 'BAD_USER_INPUT'],
    ['a customer without consent', { ...customer, consentVersion: null }, null, 'CONSENT_REQUIRED'],
    [
      'a customer without consent, one claim',
      { ...customer, consentVersion: null },
      CLAIM_ID,
      'CONSENT_REQUIRED',
    ],
    ['nobody signed in', { kind: 'anonymous' }, CLAIM_ID, 'UNAUTHENTICATED'],
  ] as const)('issues no link to %s', async (_case, principal, claimId, code) => {
    expect(await codeOf(history.link(principal, claimId))).toBe(code);
  });

  it('refuses expired, altered, foreign and other-purpose tokens with stable codes', async () => {
    const own = scopeAndToken((await history.link(customer, CLAIM_ID)).url);
    const all = scopeAndToken((await history.link(customer, null)).url);
    const [payload, mac] = own.token.split('.');
    const grant = JSON.parse(Buffer.from(payload!, 'base64url').toString('utf8')) as Record<string, unknown>;
    const otherClaim = Buffer.from(JSON.stringify({ ...grant, claimId: FOREIGN_CLAIM_ID })).toString(
      'base64url',
    );
    const download = signer.sign({
      purpose: 'download',
      documentId: CLAIM_ID,
      expiresAt: ISSUED_AT.getTime() + 60_000,
    });

    expect(await codeOf(history.render(FOREIGN_CLAIM_ID, own.token))).toBe('DOCUMENT_LINK_INVALID');
    expect(await codeOf(history.render('all', own.token))).toBe('DOCUMENT_LINK_INVALID');
    expect(await codeOf(history.render(CLAIM_ID, all.token))).toBe('DOCUMENT_LINK_INVALID');
    expect(await codeOf(history.render(FOREIGN_CLAIM_ID, `${otherClaim}.${mac}`))).toBe(
      'DOCUMENT_LINK_INVALID',
    );
    expect(await codeOf(history.render(CLAIM_ID, download))).toBe('DOCUMENT_LINK_INVALID');
    expect(await codeOf(history.render(CLAIM_ID, 'garbage'))).toBe('DOCUMENT_LINK_INVALID');

    clock = new Date(ISSUED_AT.getTime() + CLAIM_HISTORY_LINK_TTL_MS - 1);
    expect((await history.render(own.scope, own.token)).pdf.length).toBeGreaterThan(0);
    clock = new Date(ISSUED_AT.getTime() + CLAIM_HISTORY_LINK_TTL_MS);
    expect(await codeOf(history.render(own.scope, own.token))).toBe('DOCUMENT_LINK_EXPIRED');
  });
});
