import type { Readable } from 'node:stream';

/**
 * Content-addressed storage for uploaded documents and generated PDFs: a local directory in the
 * embedded profile, MongoDB GridFS in production. The same bytes are stored once.
 */
export interface BlobInfo {
  /** Lower-case hex sha256 of the content: the blob's address. */
  readonly sha256: string;
  readonly size: number;
  readonly contentType: string;
}

export interface BlobStore {
  /**
   * Streams content in, hashing as it goes; stops reading and throws BlobTooLarge as soon as more than
   * `maxBytes` arrive, leaving nothing behind.
   */
  put(
    content: Readable | AsyncIterable<Uint8Array>,
    options: { contentType: string; maxBytes: number },
  ): Promise<BlobInfo>;
  /** Null when there is no blob at that address. */
  get(sha256: string): Promise<{ info: BlobInfo; content: Readable } | null>;
  stat(sha256: string): Promise<BlobInfo | null>;
  delete(sha256: string): Promise<boolean>;
  close(): Promise<void>;
}

export class BlobTooLarge extends Error {
  constructor(readonly maxBytes: number) {
    super(`blob exceeds ${maxBytes} bytes`);
    this.name = 'BlobTooLarge';
  }
}
