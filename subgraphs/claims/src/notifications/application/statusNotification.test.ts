import { INSURER_HOTLINE, INSURER_NAME } from '@cabinet/platform/pdf';
import { describe, expect, it } from 'vitest';
import { CLAIM_ID, CLAIM_NUMBER } from '../../claim/domain/testing/claimFixtures.ts';
import type { ClaimStatusChangeRecord } from '../../statusFeed/application/statusChange.ts';
import type { ClaimLetterFacts } from './claimLetterFacts.ts';
import { statusNotification } from './statusNotification.ts';

const CABINET_URL = 'https://lk.example.ru/';
const LINK = `https://lk.example.ru/claims/${CLAIM_ID}`;

const change = (overrides: Partial<ClaimStatusChangeRecord> = {}): ClaimStatusChangeRecord => ({
  cursor: '0000000000000042',
  eventId: '5b0f3a0e-7f7e-4d7a-9a57-0d7c2f1e8a01',
  claimId: CLAIM_ID,
  claimNumber: CLAIM_NUMBER,
  customerId: 'customer-1',
  policyId: 'policy-1',
  policyNumber: 'ХХХ 0123456789',
  soldByPartnerId: null,
  status: 'ACCEPTED',
  previousStatus: 'SUBMITTED',
  resolution: null,
  changedAt: '2026-04-20T09:00:00.000Z',
  ...overrides,
});

const facts = (overrides: Partial<ClaimLetterFacts> = {}): ClaimLetterFacts => ({
  to: 'ivanov@example.ru',
  greetingName: 'Иван Иванович',
  requestedDocuments: null,
  payoutKopecks: null,
  ...overrides,
});

/** The HTML part as a reader sees its words: tags dropped, whitespace collapsed. */
const wordsOf = (html: string) =>
  html
    .replace(/<[^>]+>/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();

describe('the letter of a status change', () => {
  it('greets the customer by name and links to the claim in the cabinet, in the HTML and the text part', () => {
    const { email } = statusNotification(change(), CABINET_URL, facts());

    expect(email.to).toBe('ivanov@example.ru');
    expect(email.subject).toBe(`Заявление ${CLAIM_NUMBER}: Принято`);
    expect(email.text).toContain('Здравствуйте, Иван Иванович!');
    expect(email.text).toContain(`Статус вашего заявления № ${CLAIM_NUMBER} изменился: «Принято».`);
    expect(email.text).toContain(`Подробности в личном кабинете: ${LINK}`);
    expect(email.html).toMatch(/^<!DOCTYPE html>/);
    expect(wordsOf(email.html)).toContain('Здравствуйте, Иван Иванович!');
    expect(wordsOf(email.html)).toContain(`Статус вашего заявления № ${CLAIM_NUMBER} изменился: «Принято».`);
    expect(email.html).toContain(`<a href="${LINK}"`);
  });

  it('signs with the insurer’s name and hotline in both parts', () => {
    const { email } = statusNotification(change(), CABINET_URL, facts());

    for (const part of [email.text, wordsOf(email.html)]) {
      expect(part).toContain(INSURER_NAME);
      expect(part).toContain(`Горячая линия: ${INSURER_HOTLINE}`);
    }
  });

  it('greets without a name when none was kept', () => {
    const { email } = statusNotification(change(), CABINET_URL, facts({ greetingName: null }));

    expect(email.text.split('\n')[0]).toBe('Здравствуйте!');
    expect(wordsOf(email.html)).toContain('Здравствуйте!');
  });

  it('says which documents are asked for', () => {
    const requested = 'Справка о ДТП\nФото повреждений';
    const { email } = statusNotification(
      change({ status: 'DOCUMENTS_REQUESTED', previousStatus: 'IN_PROGRESS' }),
      CABINET_URL,
      facts({ requestedDocuments: requested }),
    );

    expect(email.subject).toBe(`Заявление ${CLAIM_NUMBER}: Требуются документы`);
    expect(email.text).toContain(`Какие документы нужны:\n${requested}\n`);
    expect(email.html).toContain(`>${requested}</blockquote>`);
  });

  it('gives the sum paid out as people write it', () => {
    const { email } = statusNotification(
      change({ status: 'COMPLETED', previousStatus: 'READY_FOR_PAYOUT', resolution: 'PAID' }),
      CABINET_URL,
      facts({ payoutKopecks: 1_234_567 }),
    );

    expect(email.subject).toBe(`Заявление ${CLAIM_NUMBER}: Завершено (Выплачено)`);
    expect(email.text).toContain('Сумма выплаты: 12\u202f345,67\u00a0₽.');
    expect(email.html).toContain('Сумма выплаты: <strong>12\u202f345,67\u00a0₽</strong>.');
  });

  it('escapes markup in the name and the request in the HTML part, and keeps them verbatim in the text part', () => {
    const name = 'Иван <script>alert("имя")</script>';
    const request = 'Акт <img src=x onerror=alert(1)> & <script>alert(2)</script>';
    const { email } = statusNotification(
      change({ status: 'DOCUMENTS_REQUESTED' }),
      CABINET_URL,
      facts({ greetingName: name, requestedDocuments: request }),
    );

    expect(email.html).not.toMatch(/<script|<img/);
    expect(email.html).toContain('Здравствуйте, Иван &lt;script&gt;alert(&quot;имя&quot;)&lt;/script&gt;!');
    expect(email.html).toContain(
      'Акт &lt;img src&#x3D;x onerror&#x3D;alert(1)&gt; &amp; &lt;script&gt;alert(2)&lt;/script&gt;',
    );
    expect(email.text).toContain(`Здравствуйте, ${name}!`);
    expect(email.text).toContain(request);
  });

  it('tells the push without personal data, and no letter without an address', () => {
    const notice = statusNotification(change(), CABINET_URL, facts({ to: null }));

    expect(notice.email.to).toBeNull();
    expect(notice.push).toEqual({ title: `Заявление ${CLAIM_NUMBER}`, body: 'Новый статус: «Принято»' });
    expect(notice.link).toBe(LINK);
  });
});
