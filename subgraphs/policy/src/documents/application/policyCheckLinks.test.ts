import { randomBytes } from 'node:crypto';
import { LinkSigner, PublicLinks } from '@cabinet/platform/files';
import { describe, expect, it } from 'vitest';
import { PolicyCheckLinks, type PolicyCheckGrant } from './policyCheckLinks.ts';

const key = randomBytes(32);
const checkLinks = new PolicyCheckLinks(
  new LinkSigner<PolicyCheckGrant>(key),
  PublicLinks.of('https://cabinet.example.ru/', 'policy'),
);
const policy = { id: '2b7e1516-28ae-4d2a-abf7-158809f4cf3c', period: { endsOn: '2027-01-31' } };
const tokenOf = (url: string) => new URL(url).searchParams.get('token') ?? '';
const codeOf = (check: () => unknown) => {
  try {
    check();
  } catch (error) {
    return (error as { code?: string }).code;
  }
  return 'NO_ERROR';
};

describe('PolicyCheckLinks', () => {
  it('builds an ASCII link on the gateway’s public origin that names the policy only inside its signed token', () => {
    const url = checkLinks.url(policy);
    expect(url).toMatch(/^https:\/\/cabinet\.example\.ru\/files\/policy\/check\?token=[\w.-]+$/);
    expect(url).not.toContain(policy.id);
    expect(checkLinks.policyIdOf(tokenOf(url), new Date('2026-03-01T00:00:00Z'))).toBe(policy.id);
  });

  it('refuses a token for another policy, an altered or foreign-key one, and a download token', () => {
    const now = new Date('2026-03-01T00:00:00Z');
    const [payload, mac] = tokenOf(checkLinks.url(policy)).split('.');
    const grant = JSON.parse(Buffer.from(payload!, 'base64url').toString('utf8')) as PolicyCheckGrant;
    const otherPolicy = Buffer.from(JSON.stringify({ ...grant, policyId: 'another' })).toString('base64url');
    const foreign = new PolicyCheckLinks(
      new LinkSigner<PolicyCheckGrant>(randomBytes(32)),
      PublicLinks.of('https://cabinet.example.ru', 'policy'),
    );
    const download = new LinkSigner<{ purpose: 'history'; expiresAt: number }>(key).sign({
      purpose: 'history',
      expiresAt: grant.expiresAt,
    });
    for (const token of [`${otherPolicy}.${mac}`, tokenOf(foreign.url(policy)), download, '', 'x.y.z']) {
      expect(codeOf(() => checkLinks.policyIdOf(token, now))).toBe('DOCUMENT_LINK_INVALID');
    }
  });

  it('works three years past the policy’s end, and not after', () => {
    const token = tokenOf(checkLinks.url(policy));
    expect(checkLinks.policyIdOf(token, new Date('2030-01-31T20:59:59Z'))).toBe(policy.id);
    expect(codeOf(() => checkLinks.policyIdOf(token, new Date('2030-01-31T21:00:00Z')))).toBe(
      'DOCUMENT_LINK_EXPIRED',
    );
  });
});
