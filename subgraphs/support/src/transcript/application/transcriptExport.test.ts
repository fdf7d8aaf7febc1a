import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CURRENT_CONSENT_VERSION, isDomainError, type Principal } from '@cabinet/kernel';
import { openDocumentStore, type DocumentStore } from '@cabinet/platform/documents';
import { openEventStore, type EventStore } from '@cabinet/platform/eventstore';
import { LinkSigner, PublicLinks } from '@cabinet/platform/files';
import { CustomerKeyVault } from '@cabinet/platform/privacy';
import { pdfText } from '@cabinet/platform/testing';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ConversationCommandHandler } from '../../conversation/application/conversationCommandHandler.ts';
import { sealConversationTexts } from '../../conversation/application/sealedConversationTexts.ts';
import type { ConversationCommand } from '../../conversation/domain/conversationCommands.ts';
import { ERASED_MESSAGE_TEXT } from '../../conversation/domain/erasedTexts.ts';
import type { SupportActor } from '../../conversation/domain/supportActor.ts';
import { TRANSCRIPT_LINK_TTL_MS, TranscriptExport, type TranscriptGrant } from './transcriptExport.ts';

const CUSTOMER_ID = 'c1a2b3c4-d5e6-4f70-8a9b-0c1d2e3f4a5b';
const CONVERSATION = '5a0b1c2d-3e4f-4a5b-8c6d-7e8f9a0b1c2d';
const OTHER_CONVERSATION = '6b1c2d3e-4f5a-4b6c-9d7e-8f9a0b1c2d3e';
const STAFF_ID = 'e3c4d5e6-f7a8-4b92-acbd-2e3f4a5b6c7d';
/** 2026-03-02 09:00 UTC is 12:00 in Moscow. */
const T0 = Date.parse('2026-03-02T09:00:00.000Z');
const at = (minutes: number) => new Date(T0 + minutes * 60_000);
const ISSUED_AT = at(60);

const customer: Principal = {
  kind: 'customer',
  customerId: CUSTOMER_ID,
  sessionId: 'session-1',
  trusted: true,
  consentVersion: CURRENT_CONSENT_VERSION,
};
const operator: Principal = { kind: 'staff', staffId: STAFF_ID, sessionId: 'session-2', roles: ['support'] };
const adjuster: Principal = { ...operator, roles: ['adjuster'] };
const partner: Principal = {
  kind: 'partner',
  partnerId: 'partner-1',
  clientId: 'bank',
  scopes: ['claims:status'],
};

let directory: string;
let raw: EventStore;
let documents: DocumentStore;
let vault: CustomerKeyVault;
let clock: Date;
let transcripts: TranscriptExport;
const signer = new LinkSigner<TranscriptGrant>(Buffer.alloc(32, 5));

beforeEach(async () => {
  directory = await mkdtemp(join(tmpdir(), 'support-transcript-'));
  raw = await openEventStore({ sqliteFile: join(directory, 'events.sqlite') });
  documents = await openDocumentStore({
    database: 'support',
    sqliteFile: join(directory, 'documents.sqlite'),
  });
  vault = await CustomerKeyVault.open(documents, () => at(0));
  const events = sealConversationTexts(raw, vault);
  clock = ISSUED_AT;
  transcripts = new TranscriptExport(events, signer, new PublicLinks('http://support.test'), () => clock);

  // Given a conversation: the customer asks, an operator answers and leaves a note
  const handler = new ConversationCommandHandler(events, {
    reopenWithinDays: 7,
    businessHours: 'ALWAYS',
  });
  const actors: Record<'customer' | 'operator', SupportActor> = {
    customer: { kind: 'customer', customerId: CUSTOMER_ID },
    operator: { kind: 'operator', staffId: STAFF_ID, supervisor: false },
  };
  let step = 0;
  const run = (who: keyof typeof actors, minutes: number, command: Record<string, unknown>) => {
    step += 1;
    return handler.execute(
      CONVERSATION,
      {
        messageId: `m-${step}`,
        ...command,
        metadata: {
          actor: actors[who],
          now: at(minutes),
          commandId: `command-${step}`,
          fingerprint: `f-${step}`,
        },
      } as ConversationCommand,
      { correlationId: `c-${step}` },
    );
  };
  await run('customer', 0, {
    type: 'OpenConversation',
    conversationId: CONVERSATION,
    topic: 'GENERAL',
    subjectId: null,
    text: 'Как сменить номер телефона?',
  });
  await run('operator', 5, { type: 'ReplyToConversation', text: 'В профиле, раздел «Контакты».' });
  await run('operator', 6, { type: 'AddInternalNote', text: 'Клиент звонил дважды' });
});

afterEach(async () => {
  await raw.close();
  await documents.close();
  await rm(directory, { recursive: true, force: true });
});

const tokenOf = (url: string) => new URL(url).searchParams.get('token') ?? '';

async function codeOf(action: Promise<unknown>): Promise<string> {
  const error = await action.then(
    () => null,
    (thrown: unknown) => thrown,
  );
  return isDomainError(error) ? error.code : `not a DomainError: ${String(error)}`;
}

async function textOf(url: string): Promise<string> {
  const file = await transcripts.render(CONVERSATION, tokenOf(url));
  return (await pdfText(new Uint8Array(file.pdf))).replace(/\s+/g, ' ');
}

describe('conversation transcript export', () => {
  it('gives the customer their copy: both sides in Moscow time, page numbers, contacts, no note', async () => {
    const link = await transcripts.link(customer, CONVERSATION, null);
    expect(link.url).toMatch(
      new RegExp(`^http://support\\.test/conversation-transcripts/${CONVERSATION}\\.pdf\\?token=`),
    );
    expect(link.expiresAt).toEqual(new Date(ISSUED_AT.getTime() + TRANSCRIPT_LINK_TTL_MS));

    const file = await transcripts.render(CONVERSATION, tokenOf(link.url));
    expect(file.fileName).toBe(`Обращение ${CONVERSATION}.pdf`);
    const text = (await pdfText(new Uint8Array(file.pdf))).replace(/\s+/g, ' ');
    expect(text).toContain('Переписка со службой поддержки');
    expect(text).toContain('Тема: Общий вопрос');
    expect(text).toContain('Открыто: 02.03.2026, 12:00');
    expect(text).toContain('02.03.2026, 12:00 · Клиент Как сменить номер телефона?');
    expect(text).toContain('02.03.2026, 12:05 · Специалист поддержки В профиле, раздел «Контакты».');
    expect(text).toContain('Страница 1 из 1');
    expect(text).toContain('ИНН 7707083893');
    expect(text).not.toContain('Клиент звонил дважды');
    expect(text).not.toContain(STAFF_ID);
  });

  it('gives operators support’s copy with the note marked, and the customer’s copy when asked', async () => {
    const own = await textOf((await transcripts.link(operator, CONVERSATION, null)).url);
    expect(own).toContain('служебная копия');
    expect(own).toContain(`02.03.2026, 12:06 · Оператор ${STAFF_ID} · ВНУТРЕННЯЯ ЗАМЕТКА — клиенту не видна`);
    expect(own).toContain('Клиент звонил дважды');
    expect(own).toContain(`Клиент: ${CUSTOMER_ID}`);

    const customers = await textOf((await transcripts.link(operator, CONVERSATION, 'CUSTOMER')).url);
    expect(customers).not.toContain('Клиент звонил дважды');
  });

  it('prints the texts erased by a consent revocation as erased, without failing', async () => {
    const link = await transcripts.link(operator, CONVERSATION, null);
    await vault.destroy(CUSTOMER_ID, 'revocation-1');

    const text = await textOf(link.url);
    expect(text).toContain(ERASED_MESSAGE_TEXT);
    expect(text).not.toContain('Как сменить номер телефона?');
  });

  it.each([
    [
      'another customer',
      { ...customer, customerId: 'c9a8b7c6-d5e4-4f3a-8b2c-1d0e9f8a7b6c' },
      CONVERSATION,
      null,
      'CONVERSATION_NOT_FOUND',
    ],
    ['an unknown conversation', operator, OTHER_CONVERSATION, null, 'CONVERSATION_NOT_FOUND'],
    ['not a conversation id', operator, 'not-a-uuid', null, 'CONVERSATION_NOT_FOUND'],
    ['the customer asking for support’s copy', customer, CONVERSATION, 'OPERATOR', 'FORBIDDEN'],
    ['an adjuster', adjuster, CONVERSATION, null, 'FORBIDDEN'],
    ['a partner', partner, CONVERSATION, null, 'FORBIDDEN'],
    [
      'a customer without consent',
      { ...customer, consentVersion: null },
      CONVERSATION,
      null,
      'CONSENT_REQUIRED',
    ],
    ['nobody signed in', { kind: 'anonymous' }, CONVERSATION, null, 'UNAUTHENTICATED'],
  ] as const)('issues no link to %s', async (_case, principal, conversationId, view, code) => {
    expect(await codeOf(transcripts.link(principal, conversationId, view))).toBe(code);
  });

  it('refuses expired, altered, foreign and other-purpose tokens with stable codes', async () => {
    const token = tokenOf((await transcripts.link(customer, CONVERSATION, null)).url);
    const [payload, mac] = token.split('.');
    const grant = JSON.parse(Buffer.from(payload!, 'base64url').toString('utf8')) as TranscriptGrant;
    const upgraded = Buffer.from(JSON.stringify({ ...grant, view: 'OPERATOR' })).toString('base64url');

    expect(await codeOf(transcripts.render(OTHER_CONVERSATION, token))).toBe('DOCUMENT_LINK_INVALID');
    expect(await codeOf(transcripts.render(CONVERSATION, `${upgraded}.${mac}`))).toBe(
      'DOCUMENT_LINK_INVALID',
    );
    expect(await codeOf(transcripts.render(CONVERSATION, 'garbage'))).toBe('DOCUMENT_LINK_INVALID');
    const otherPurpose = new LinkSigner(Buffer.alloc(32, 5)).sign({
      purpose: 'download',
      expiresAt: grant.expiresAt,
    });
    expect(await codeOf(transcripts.render(CONVERSATION, otherPurpose))).toBe('DOCUMENT_LINK_INVALID');

    clock = new Date(ISSUED_AT.getTime() + TRANSCRIPT_LINK_TTL_MS - 1);
    expect((await transcripts.render(CONVERSATION, token)).pdf.length).toBeGreaterThan(0);
    clock = new Date(ISSUED_AT.getTime() + TRANSCRIPT_LINK_TTL_MS);
    expect(await codeOf(transcripts.render(CONVERSATION, token))).toBe('DOCUMENT_LINK_EXPIRED');
  });
});
