import { describe, expect, it } from 'vitest';
import { DOCUMENT_LINK_TTL_MS, DocumentLinks } from './documentLinks.ts';

const links = new DocumentLinks(
  Buffer.from('a test secret of enough length!!'),
  'https://lk.example.ru/files/policy',
);
const issuedAt = new Date('2026-03-01T10:00:00Z');
const { url } = links.sign('policy-1', 'customer:customer-1', issuedAt);
const query = Object.fromEntries(new URL(url).searchParams);
const later = (ms: number) => new Date(issuedAt.getTime() + ms);

describe('DocumentLinks', () => {
  it("signs a link to the policy PDF under the service's files at the public origin", () => {
    expect(url).toMatch(
      /^https:\/\/lk\.example\.ru\/files\/policy\/documents\/policies\/policy-1\.pdf\?sub=customer%3Acustomer-1&exp=\d+&sig=/,
    );
  });

  it('accepts its own link until 5 minutes have passed', () => {
    expect(links.verify('policy-1', query, later(DOCUMENT_LINK_TTL_MS - 1))).toEqual({
      ok: true,
      link: { policyId: 'policy-1', subject: 'customer:customer-1' },
    });
    expect(links.verify('policy-1', query, later(DOCUMENT_LINK_TTL_MS))).toEqual({
      ok: false,
      reason: 'EXPIRED',
    });
  });

  it.each([
    { case: 'another policy', policyId: 'policy-2', query },
    { case: 'another customer', policyId: 'policy-1', query: { ...query, sub: 'customer:customer-2' } },
    {
      case: 'a later expiry',
      policyId: 'policy-1',
      query: { ...query, exp: String(Number(query['exp']) + 1) },
    },
    {
      case: 'another signature',
      policyId: 'policy-1',
      query: { ...query, sig: `${query['sig']?.slice(1)}A` },
    },
    {
      case: "another key's signature",
      policyId: 'policy-1',
      query: Object.fromEntries(
        new URL(
          new DocumentLinks(Buffer.from('another secret'), 'https://lk.example.ru/files/policy').sign(
            'policy-1',
            'customer:customer-1',
            issuedAt,
          ).url,
          'http://x',
        ).searchParams,
      ),
    },
  ])('refuses a link changed to $case', ({ policyId, query: changed }) => {
    expect(links.verify(policyId, changed, later(1_000))).toEqual({ ok: false, reason: 'BAD_SIGNATURE' });
  });

  it.each([
    { case: 'no signature', query: { sub: query['sub'], exp: query['exp'] } },
    { case: 'a non-numeric expiry', query: { ...query, exp: 'soon' } },
    { case: 'a partner subject', query: { ...query, sub: 'partner:bank' } },
  ])('refuses a link with $case as malformed', ({ query: broken }) => {
    expect(links.verify('policy-1', broken, later(1_000))).toEqual({ ok: false, reason: 'MALFORMED' });
  });
});
