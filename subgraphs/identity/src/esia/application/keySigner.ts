import {
  X509Certificate,
  createHash,
  createPrivateKey,
  createPublicKey,
  sign,
  type KeyObject,
} from 'node:crypto';
import { SignerError, type Signer } from './signer.ts';

/**
 * The identity of a registered client as ESIA sees it: SHA-256 (hex) of the DER certificate, or of
 * the DER public key (SubjectPublicKeyInfo) when dev and tests register a bare key.
 */
export function certificateHashOf(certificateOrPublicKeyPem: string): string {
  const der = certificateOrPublicKeyPem.includes('BEGIN CERTIFICATE')
    ? new X509Certificate(certificateOrPublicKeyPem).raw
    : createPublicKey(certificateOrPublicKeyPem).export({ type: 'spki', format: 'der' });
  return createHash('sha256').update(der).digest('hex');
}

export interface KeySignerOptions {
  /** PKCS#8 or traditional PEM of an RSA or EC private key. */
  readonly privateKeyPem: string;
  /** The certificate registered with ESIA; without it the public key itself is registered. */
  readonly certificatePem?: string;
}

function keyTypeOf(key: KeyObject): 'rsa' | 'ec' {
  const type = key.asymmetricKeyType;
  if (type === 'rsa' || type === 'ec') return type;
  throw new SignerError(`the dev signer supports RSA and EC keys, not ${String(type)}`);
}

/**
 * Dev/test signer: RSASSA-PKCS1-v1_5 or ECDSA over SHA-256. ECDSA signatures are raw r‖s, the same
 * shape as the raw GOST signature ESIA expects from production.
 */
export function createKeySigner(options: KeySignerOptions): Signer {
  const privateKey = createPrivateKey(options.privateKeyPem);
  const keyType = keyTypeOf(privateKey);
  const publicPem = createPublicKey(privateKey).export({ type: 'spki', format: 'pem' }).toString();
  if (options.certificatePem && !new X509Certificate(options.certificatePem).checkPrivateKey(privateKey)) {
    throw new SignerError('the certificate does not belong to the private key');
  }
  return {
    certificateHash: certificateHashOf(options.certificatePem ?? publicPem),
    sign(data) {
      const signature =
        keyType === 'ec'
          ? sign('sha256', data, { key: privateKey, dsaEncoding: 'ieee-p1363' })
          : sign('sha256', data, privateKey);
      return Promise.resolve(new Uint8Array(signature));
    },
  };
}
