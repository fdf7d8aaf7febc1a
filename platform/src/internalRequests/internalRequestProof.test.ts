import { describe, expect, it } from 'vitest';
import { ConfigError } from '../config/env.ts';
import {
  createInternalRequestSigner,
  createInternalRequestVerifier,
  internalRequestSecretSetting,
  requireInternalRequestSecret,
} from './internalRequestProof.ts';

const SECRET = 'a-secret-of-the-internal-network-32+';
const ISSUED_AT = Date.UTC(2026, 0, 15, 9, 0);

describe('internal request proofs', () => {
  const signer = createInternalRequestSigner(SECRET, 'gateway', () => ISSUED_AT);
  const verifierAt = (ms: number, secret = SECRET) => createInternalRequestVerifier(secret, () => ms);

  it('names the caller of a proof made with the same secret', () => {
    expect(verifierAt(ISSUED_AT + 1_000).callerOf(signer.proof())).toBe('gateway');
  });

  it('gives the same proof for a second after its issue, then a new one', () => {
    let at = ISSUED_AT;
    const clocked = createInternalRequestSigner(SECRET, 'gateway', () => at);
    const first = clocked.proof();
    at = ISSUED_AT + 999;
    expect(clocked.proof()).toBe(first);
    at = ISSUED_AT + 1_000;
    const next = clocked.proof();
    expect(next).not.toBe(first);
    expect(next.split('.')[2]).toBe(String(ISSUED_AT + 1_000));
    expect(verifierAt(at).callerOf(next)).toBe('gateway');
  });

  it('refuses a proof made with another secret', () => {
    const other = createInternalRequestSigner(`${SECRET}-other`, 'gateway', () => ISSUED_AT);
    expect(verifierAt(ISSUED_AT).callerOf(other.proof())).toBeUndefined();
  });

  it.each([
    ['over a minute old', ISSUED_AT + 60_001],
    ['issued over a minute ahead', ISSUED_AT - 60_001],
  ])('refuses a proof %s', (_case, at) => {
    expect(verifierAt(at).callerOf(signer.proof())).toBeUndefined();
  });

  it('refuses a proof whose caller or time was changed', () => {
    const [version, , issuedAt, signature] = signer.proof().split('.');
    const verifier = verifierAt(ISSUED_AT);
    expect(verifier.callerOf(`${version}.claims.${issuedAt}.${signature}`)).toBeUndefined();
    expect(verifier.callerOf(`${version}.gateway.${ISSUED_AT + 1}.${signature}`)).toBeUndefined();
  });

  it.each([undefined, '', 'v1.gateway', 'v2.gateway.1.x', ['v1.gateway.1.x']])('refuses %j', (proof) => {
    expect(verifierAt(ISSUED_AT).callerOf(proof)).toBeUndefined();
  });

  it('takes a secret of 32 characters or more, and serving requires one', () => {
    expect(() => internalRequestSecretSetting.read('INTERNAL_REQUEST_SECRET', 'short')).toThrow(ConfigError);
    expect(internalRequestSecretSetting.read('INTERNAL_REQUEST_SECRET', undefined)).toBeUndefined();
    expect(() => requireInternalRequestSecret(undefined)).toThrow(/INTERNAL_REQUEST_SECRET is required/);
  });
});
