import { isDomainError } from '@cabinet/kernel';
import { describe, expect, it } from 'vitest';
import { LinkSigner } from './signedLinks.ts';

type TestGrant =
  | { purpose: 'download'; documentId: string; expiresAt: number }
  | { purpose: 'history'; customerId: string; claimId: string | null; expiresAt: number };

const NOW = new Date('2026-04-20T09:00:00Z');
const signer = new LinkSigner<TestGrant>(Buffer.alloc(32, 3));
const grant: TestGrant = { purpose: 'download', documentId: 'document-1', expiresAt: NOW.getTime() + 1_000 };
const token = signer.sign(grant);
const [payload, mac] = token.split('.') as [string, string];

function codeOf(verify: () => unknown): string {
  try {
    verify();
    return 'accepted';
  } catch (error) {
    return isDomainError(error) ? error.code : `not a DomainError: ${String(error)}`;
  }
}

describe('signed links', () => {
  it('give back the grant of a genuine token until it expires', () => {
    expect(signer.verify(token, 'download', new Date(grant.expiresAt - 1))).toEqual(grant);
    expect(codeOf(() => signer.verify(token, 'download', new Date(grant.expiresAt)))).toBe(
      'DOCUMENT_LINK_EXPIRED',
    );
  });

  it.each([
    [
      'another grant under the same signature',
      `${Buffer.from(JSON.stringify({ ...grant, documentId: 'document-2' })).toString('base64url')}.${mac}`,
    ],
    ['a signature of another key', new LinkSigner<TestGrant>(Buffer.alloc(32, 4)).sign(grant)],
    ['a cut signature', `${payload}.${mac.slice(0, -2)}`],
    ['no signature', payload],
    ['an extra part', `${token}.x`],
    ['garbage', 'not a token'],
    [
      'a token for another purpose',
      signer.sign({ purpose: 'history', customerId: 'c', claimId: null, expiresAt: grant.expiresAt }),
    ],
  ])('refuse %s as DOCUMENT_LINK_INVALID', (_case, given) => {
    expect(codeOf(() => signer.verify(given, 'download', NOW))).toBe('DOCUMENT_LINK_INVALID');
  });
});
