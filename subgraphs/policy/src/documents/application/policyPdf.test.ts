import { rubles, zero } from '@cabinet/kernel';
import { getDocument, OPS } from 'pdfjs-dist/legacy/build/pdf.mjs';
import QRCode from 'qrcode';
import { describe, expect, it } from 'vitest';
import { pdfText } from '@cabinet/platform/testing';
import { issuePolicy } from '../../policy/domain/index.ts';
import type { PolicyRecord } from '../../policy/storage/policyRecord.ts';
import { renderPolicyPdf } from './policyPdf.ts';

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

describe('renderPolicyPdf', () => {
  it('prints the number, holder, period, object, coverages, premium and schedule in Cyrillic', async () => {
    const text = await pdfText(new Uint8Array(await renderPolicyPdf(policy, '2027-03-01')));
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
      'Статус на 01.03.2027',
      'истёк',
    ]) {
      expect(text.replaceAll('\u202f', ' ').replaceAll('\u00a0', ' ')).toContain(expected);
    }
  });

  it('draws a QR code of the policy number: one square per dark module', async () => {
    const pdf = await getDocument({ data: new Uint8Array(await renderPolicyPdf(policy, '2027-03-01')) })
      .promise;
    const operators = await (await pdf.getPage(1)).getOperatorList();
    const squares = operators.fnArray.reduce((count, fn, index) => {
      if (fn !== OPS.constructPath) return count;
      const [pathOps] = operators.argsArray[index] as [number[]];
      return count + pathOps.filter((op) => op === OPS.rectangle).length;
    }, 0);
    const { modules } = QRCode.create(policy.number, { errorCorrectionLevel: 'M' });
    expect(squares).toBe(Array.from(modules.data).filter((dark) => dark === 1).length);
    await pdf.destroy();
  });
});
