import { X509Certificate, createHash, createPublicKey, verify, type KeyObject } from 'node:crypto';
import { EsiaRejection } from './esiaErrors.ts';

/** An information system registered with the emulated ESIA. */
export interface RegisteredClient {
  /** The system's mnemonic (`client_id`). */
  readonly clientId: string;
  /** PEM of the system's certificate, or of its bare public key (RSA or EC). */
  readonly certificatePem: string;
  /** Exact `redirect_uri` values the system may use. */
  readonly redirectUris: readonly string[];
}

export interface ClientCredentials {
  readonly client: RegisteredClient;
  readonly publicKey: KeyObject;
  /** SHA-256 (hex) of the certificate's DER, or of the key's SubjectPublicKeyInfo DER. */
  readonly certificateHash: string;
}

export function credentialsOf(client: RegisteredClient): ClientCredentials {
  const isCertificate = client.certificatePem.includes('BEGIN CERTIFICATE');
  const certificate = isCertificate ? new X509Certificate(client.certificatePem) : undefined;
  const publicKey = certificate ? certificate.publicKey : createPublicKey(client.certificatePem);
  const der = certificate ? certificate.raw : publicKey.export({ type: 'spki', format: 'der' });
  const keyType = publicKey.asymmetricKeyType;
  if (keyType !== 'rsa' && keyType !== 'ec') {
    throw new Error(
      `client ${client.clientId}: only RSA and EC keys can be registered, got ${String(keyType)}`,
    );
  }
  return { client, publicKey, certificateHash: createHash('sha256').update(der).digest('hex') };
}

/**
 * Checks `client_certificate_hash` against the registered certificate (ESIA-007002) and
 * `client_secret` as a detached signature over the message (ESIA-007053): RSA PKCS#1 v1.5 or ECDSA
 * (raw r‖s) over SHA-256, base64url.
 */
export function authenticateClient(
  credentials: ClientCredentials,
  certificateHash: string,
  clientSecret: string,
  message: string,
): void {
  if (certificateHash.toLowerCase() !== credentials.certificateHash) {
    throw new EsiaRejection('007002', 'client_certificate_hash');
  }
  if (!/^[A-Za-z0-9_-]+={0,2}$/.test(clientSecret)) throw new EsiaRejection('007053', 'client_secret');
  const signature = Buffer.from(clientSecret, 'base64url');
  const key =
    credentials.publicKey.asymmetricKeyType === 'ec'
      ? { key: credentials.publicKey, dsaEncoding: 'ieee-p1363' as const }
      : credentials.publicKey;
  if (!verify('sha256', Buffer.from(message, 'utf8'), key, signature)) {
    throw new EsiaRejection('007053', 'client_secret');
  }
}
