import { createHash, randomUUID } from 'node:crypto';
import { once } from 'node:events';
import type { Readable } from 'node:stream';
import { finished } from 'node:stream/promises';
import { GridFSBucket, MongoClient, type GridFSBucketWriteStream, type GridFSFile } from 'mongodb';
import type { BlobInfo, BlobStore } from '../port.ts';
import { BlobTooLarge } from '../port.ts';
import { isSha256Address } from '../sha256Address.ts';

export interface GridFsBlobStoreOptions {
  readonly url: string;
  readonly database: string;
  readonly bucketName?: string;
}

/**
 * Blobs in a GridFS bucket, the file named by its sha256. The hash is known only at the end, so
 * content is uploaded under a temporary name and renamed; an upload that fails or grows too large
 * is aborted, which removes its chunks. When the same bytes arrive again, the first copy stays.
 */
export class GridFsBlobStore implements BlobStore {
  private readonly client: MongoClient;
  private readonly bucket: GridFSBucket;

  constructor(options: GridFsBlobStoreOptions) {
    this.client = new MongoClient(options.url);
    this.bucket = new GridFSBucket(this.client.db(options.database), {
      bucketName: options.bucketName ?? 'blobs',
    });
  }

  async put(
    content: Readable | AsyncIterable<Uint8Array>,
    options: { contentType: string; maxBytes: number },
  ): Promise<BlobInfo> {
    const upload = this.bucket.openUploadStream(`incoming-${randomUUID()}`, {
      metadata: { contentType: options.contentType },
    });
    let sha256: string;
    let size: number;
    try {
      ({ sha256, size } = await receive(content, upload, options.maxBytes));
    } catch (error) {
      await upload.abort().catch(() => {
        // The upload's own failure is the one to report; at worst its chunks stay orphaned.
      });
      throw error;
    }
    const existing = await this.stat(sha256);
    if (existing !== null) {
      await this.bucket.delete(upload.id);
      return existing;
    }
    await this.bucket.rename(upload.id, sha256);
    return { sha256, size, contentType: options.contentType };
  }

  async get(sha256: string): Promise<{ info: BlobInfo; content: Readable } | null> {
    const file = await this.fileAt(sha256);
    if (file === null) return null;
    return { info: infoOf(file), content: this.bucket.openDownloadStream(file._id) };
  }

  async stat(sha256: string): Promise<BlobInfo | null> {
    const file = await this.fileAt(sha256);
    return file === null ? null : infoOf(file);
  }

  /** Concurrent first uploads of the same bytes may leave two copies under one name: delete both. */
  async delete(sha256: string): Promise<boolean> {
    if (!isSha256Address(sha256)) return false;
    const files = await this.bucket.find({ filename: sha256 }).toArray();
    for (const file of files) await this.bucket.delete(file._id);
    return files.length > 0;
  }

  close(): Promise<void> {
    return this.client.close();
  }

  private async fileAt(sha256: string): Promise<GridFSFile | null> {
    if (!isSha256Address(sha256)) return null;
    return this.bucket.find({ filename: sha256 }).limit(1).next();
  }
}

/** Hashes and counts while uploading; leaving the loop early stops (destroys) the source stream. */
async function receive(
  content: Readable | AsyncIterable<Uint8Array>,
  upload: GridFSBucketWriteStream,
  maxBytes: number,
): Promise<{ sha256: string; size: number }> {
  const hash = createHash('sha256');
  let size = 0;
  for await (const chunk of content as AsyncIterable<Uint8Array | string>) {
    const bytes = typeof chunk === 'string' ? Buffer.from(chunk) : chunk;
    size += bytes.byteLength;
    if (size > maxBytes) throw new BlobTooLarge(maxBytes);
    hash.update(bytes);
    if (!upload.write(bytes)) await once(upload, 'drain');
  }
  upload.end();
  await finished(upload);
  return { sha256: hash.digest('hex'), size };
}

function infoOf(file: GridFSFile): BlobInfo {
  const contentType: unknown = file.metadata?.contentType;
  return {
    sha256: file.filename,
    size: file.length,
    contentType: typeof contentType === 'string' ? contentType : 'application/octet-stream',
  };
}
