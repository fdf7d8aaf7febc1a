import { rubles, zero } from '@cabinet/kernel';
import { describe, expect, it } from 'vitest';
import { pdfQrCodes, pdfText } from '@cabinet/platform/testing';
import { issuePolicy } from '../../policy/domain/index.ts';
import type { PolicyRecord } from '../../policy/storage/policyRecord.ts';
import { renderPolicyPdf } from './policyPdf.ts';
import { INSURER_ADDRESS, INSURER_HOTLINE, INSURER_LICENCE, INSURER_NAME } from '@cabinet/platform/pdf';

let ids = 0;
const policy: PolicyRecord = {
  ...issuePolicy(
    {
      number: 'ИПО-26-00000042',
      product: 'MORTGAGE',
      holderId: 'holder',
      insuredObject: {
        kind: 'PROPERTY',
        address: 'г. Казань, ул. Баумана, д. 7, кв. 3',
        propertyType: 'APARTMENT',
        beneficiaryBank: 'ПАО Сбербанк',
      },
      startsOn: '2026-02-01',
      termMonths: 12,
      coverages: [
        { code: 'MORTGAGE_PROPERTY', sumInsured: rubles(5_000_000), deductible: zero('RUB') },
        { code: 'MORTGAGE_LIFE', sumInsured: rubles(5_000_000), deductible: zero('RUB') },
      ],
      instalmentCount: 12,
    },
    { now: () => new Date('2026-01-20T09:00:00Z'), newId: () => `id-${(ids += 1)}` },
  ),
  soldByPartnerId: null,
  holderName: { lastName: 'Ёлкина', firstName: 'Юлия', middleName: 'Щербаковна' },
};

const CHECK_URL =
  'http://localhost:4000/files/policy/check?token=eyJwdXJwb3NlIjoicG9saWN5LWNoZWNrIn0.c2lnbmF0dXJl';

/** The PDF's text as one line: wrapped lines joined, narrow and non-breaking spaces read as plain ones. */
async function textOf(pdf: Buffer): Promise<string> {
  return (await pdfText(new Uint8Array(pdf))).replace(/[\s\u202f\u00a0]+/g, ' ');
}

describe('renderPolicyPdf', () => {
  it('prints the number, holder, period, object, coverages, premium and schedule in Cyrillic', async () => {
    const text = await textOf(await renderPolicyPdf(policy, '2027-03-01', CHECK_URL));
    for (const expected of [
      'Полис № ИПО-26-00000042',
      'Ипотечное страхование',
      'Ёлкина Юлия Щербаковна',
      'с 01.02.2026 по 31.01.2027',
      'Квартира: г. Казань, ул. Баумана, д. 7, кв. 3',
      'Выгодоприобретатель: ПАО Сбербанк',
      'Имущество (залог): страховая сумма 5 000 000,00 ₽',
      'Жизнь и здоровье заёмщика',
      // 5 000 000 × 1.5 ‰ + 5 000 000 × 3 ‰ = 22 500 ₽, in 12 instalments of 1 875 ₽.
      '22 500,00 ₽',
      '01.01.2027 — 1 875,00 ₽, к оплате',
      // Printed after the last day, the policy reads as expired.
      'Статус на 01.03.2027: истёк',
    ]) {
      expect(text).toContain(expected);
    }
  });

  it('names the issue date, the insurer with its licence, address and hotline, and what to do on an incident', async () => {
    const text = await textOf(await renderPolicyPdf(policy, '2026-03-01', CHECK_URL));
    for (const expected of [
      // Issued at 09:00 UTC on 20 January: 12:00 in Moscow, the same day.
      'Дата выдачи: 20.01.2026',
      INSURER_NAME,
      INSURER_LICENCE,
      `Адрес: ${INSURER_ADDRESS}`,
      `Горячая линия: ${INSURER_HOTLINE}`,
      'Что делать при страховом случае',
      `по горячей линии ${INSURER_HOTLINE}`,
      'Подайте заявление о страховом случае в личном кабинете',
      'Статус на 01.03.2026: действует',
    ]) {
      expect(text).toContain(expected);
    }
  });

  it('dates the cancellation of a cancelled policy', async () => {
    const cancelled: PolicyRecord = { ...policy, status: 'CANCELLED', cancelledOn: '2026-03-15' };
    const text = await textOf(await renderPolicyPdf(cancelled, '2026-04-01', CHECK_URL));
    expect(text).toContain('Статус на 01.04.2026: расторгнут с 15.03.2026');
  });

  it('numbers every page «Страница N из M»', async () => {
    // Sixty instalments push the schedule onto a second page.
    const long: PolicyRecord = {
      ...policy,
      instalments: Array.from({ length: 60 }, (_, index) => ({
        ...policy.instalments[0]!,
        id: `i-${index}`,
      })),
    };
    const pages = (await textOf(await renderPolicyPdf(long, '2026-03-01', CHECK_URL))).match(
      /Страница \d+ из \d+/g,
    );
    expect(pages).toEqual(['Страница 1 из 2', 'Страница 2 из 2']);
  });

  it('holds the check link in its QR code, read from the rendered page as a phone camera would', async () => {
    expect(await pdfQrCodes(new Uint8Array(await renderPolicyPdf(policy, '2026-03-01', CHECK_URL)))).toEqual([
      CHECK_URL,
    ]);
  });
});
