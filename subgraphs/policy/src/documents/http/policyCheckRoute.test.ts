import { randomBytes } from 'node:crypto';
import { rubles, zero } from '@cabinet/kernel';
import { LinkSigner, PublicLinks } from '@cabinet/platform/files';
import { describe, expect, it } from 'vitest';
import { issuePolicy } from '../../policy/domain/index.ts';
import type { PolicyRecord } from '../../policy/storage/policyRecord.ts';
import { PolicyCheckLinks, type PolicyCheckGrant } from '../application/policyCheckLinks.ts';
import { answerPolicyCheck } from './policyCheckRoute.ts';

let ids = 0;
const held: PolicyRecord = {
  ...issuePolicy(
    {
      number: 'ИМУ-26-00000009',
      product: 'PROPERTY',
      holderId: 'holder-id',
      insuredObject: { kind: 'PROPERTY', address: 'г. Тверь, ул. Советская, д. 5', propertyType: 'HOUSE' },
      startsOn: '2026-02-01',
      termMonths: 12,
      coverages: [{ code: 'PROPERTY_STRUCTURE', sumInsured: rubles(1_000_000), deductible: zero('RUB') }],
      instalmentCount: 1,
    },
    { now: () => new Date('2026-01-20T09:00:00Z'), newId: () => `id-${(ids += 1)}` },
  ),
  soldByPartnerId: null,
  holderName: { lastName: 'Ёлкина', firstName: 'Юлия', middleName: 'Щербаковна' },
};
const checkLinks = new PolicyCheckLinks(
  new LinkSigner<PolicyCheckGrant>(randomBytes(32)),
  PublicLinks.of('http://localhost:4000', 'policy'),
);
const policies = { get: (id: string) => Promise.resolve(id === held.id ? held : null) };
const now = new Date('2026-03-01T09:00:00Z');
const tokenFor = (policy: Pick<PolicyRecord, 'id' | 'period'>) =>
  new URL(checkLinks.url(policy)).searchParams.get('token')!;

describe('answerPolicyCheck', () => {
  it('shows a genuine link’s policy: number, product, period and status, without the holder or the address', async () => {
    const { status, html } = await answerPolicyCheck({ checkLinks, policies }, tokenFor(held), now);
    expect(status).toBe(200);
    for (const fact of [
      'Полис подлинный и действует',
      'ИМУ-26-00000009',
      'Страхование имущества',
      'с 01.02.2026 по 31.01.2027',
      'Статус на 01.03.2026',
      'действует',
    ]) {
      expect(html).toContain(fact);
    }
    expect(html).not.toMatch(/Ёлкина|Юлия|holder-id|Тверь/);
  });

  it('refuses a forged link with 403 and a signed link to a policy no longer held with 404, naming none', async () => {
    const forged = `${Buffer.from(JSON.stringify({ purpose: 'policy-check', policyId: held.id, expiresAt: Date.parse('2030-01-01') })).toString('base64url')}.${'A'.repeat(43)}`;
    const refusedForged = await answerPolicyCheck({ checkLinks, policies }, forged, now);
    expect(refusedForged.status).toBe(403);
    expect(refusedForged.html).toContain('Ссылка проверки недействительна');

    const gone = await answerPolicyCheck({ checkLinks, policies }, tokenFor({ ...held, id: 'gone' }), now);
    expect(gone.status).toBe(404);
    expect(gone.html).toContain('Полис не найден');
    for (const refusal of [refusedForged.html, gone.html]) expect(refusal).not.toContain(held.number);
  });
});
