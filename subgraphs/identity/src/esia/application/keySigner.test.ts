import { createHash, generateKeyPairSync, verify } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { certificateHashOf, createKeySigner } from './keySigner.ts';
import { SignerError } from './signer.ts';

const data = new TextEncoder().encode('client secret message');

describe('createKeySigner', () => {
  it('signs with an RSA key (PKCS#1 v1.5, SHA-256) and names the key by the SHA-256 of its DER', async () => {
    const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
    const signer = createKeySigner({
      privateKeyPem: privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(),
    });

    const signature = await signer.sign(data);

    expect(verify('sha256', data, publicKey, signature)).toBe(true);
    const spki = publicKey.export({ type: 'spki', format: 'der' });
    expect(signer.certificateHash).toBe(createHash('sha256').update(spki).digest('hex'));
    expect(certificateHashOf(publicKey.export({ type: 'spki', format: 'pem' }).toString())).toBe(
      signer.certificateHash,
    );
  });

  it('signs with an EC key as raw r‖s', async () => {
    const { privateKey, publicKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
    const signer = createKeySigner({
      privateKeyPem: privateKey.export({ type: 'sec1', format: 'pem' }).toString(),
    });

    const signature = await signer.sign(data);

    expect(signature).toHaveLength(64);
    expect(verify('sha256', data, { key: publicKey, dsaEncoding: 'ieee-p1363' }, signature)).toBe(true);
  });

  it('refuses key types ESIA clients do not use here', () => {
    const { privateKey } = generateKeyPairSync('ed25519');
    const pem = privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
    expect(() => createKeySigner({ privateKeyPem: pem })).toThrow(SignerError);
  });
});
