/**
 * Signs `client_secret` for ESIA. Production signs with GOST R 34.10-2012 through an external
 * command; dev and tests sign with an RSA or ECDSA key that the emulator has registered.
 */
export interface Signer {
  /** Sent as `client_certificate_hash`: 64 hex characters identifying the certificate ESIA registered. */
  readonly certificateHash: string;
  /** A detached signature over the bytes, as raw signature bytes. */
  sign(data: Uint8Array): Promise<Uint8Array>;
}

/** The signer could not sign: a misconfiguration or a broken signing tool, never the customer's fault. */
export class SignerError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'SignerError';
  }
}
