import { createHash, randomUUID } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { mkdir, open, readFile, rename, rm, stat, unlink, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Readable } from 'node:stream';
import type { BlobInfo, BlobStore } from '../port.ts';
import { BlobTooLarge } from '../port.ts';
import { isSha256Address } from '../sha256Address.ts';

interface StoredInfo {
  readonly size: number;
  readonly contentType: string;
}

/**
 * Blobs as files named by their sha256, fanned out over 256 subdirectories, each with a small JSON
 * sidecar for its size and content type. Content is written to a temporary file in the same
 * filesystem, flushed to disk and renamed into place, so a blob is either whole or absent. When the
 * same bytes arrive again, the first content type stays.
 */
export class LocalBlobStore implements BlobStore {
  private readonly incoming: string;

  constructor(private readonly directory: string) {
    this.incoming = join(directory, '.incoming');
  }

  async put(
    content: Readable | AsyncIterable<Uint8Array>,
    options: { contentType: string; maxBytes: number },
  ): Promise<BlobInfo> {
    await mkdir(this.incoming, { recursive: true });
    const temporary = join(this.incoming, randomUUID());
    try {
      const { sha256, size } = await this.receive(content, temporary, options.maxBytes);
      const existing = await this.stat(sha256);
      if (existing !== null) {
        await unlink(temporary);
        return existing;
      }
      const info: BlobInfo = { sha256, size, contentType: options.contentType };
      await mkdir(this.folderOf(sha256), { recursive: true });
      await writeFile(`${temporary}.json`, JSON.stringify({ size, contentType: options.contentType }), {
        flush: true,
      });
      await rename(`${temporary}.json`, this.infoPath(sha256));
      await rename(temporary, this.contentPath(sha256));
      await syncDirectory(this.folderOf(sha256));
      return info;
    } catch (error) {
      await rm(temporary, { force: true });
      await rm(`${temporary}.json`, { force: true });
      throw error;
    }
  }

  async get(sha256: string): Promise<{ info: BlobInfo; content: Readable } | null> {
    const info = await this.stat(sha256);
    if (info === null) return null;
    return { info, content: createReadStream(this.contentPath(sha256)) };
  }

  async stat(sha256: string): Promise<BlobInfo | null> {
    if (!isSha256Address(sha256)) return null;
    try {
      await stat(this.contentPath(sha256));
      const stored = JSON.parse(await readFile(this.infoPath(sha256), 'utf8')) as StoredInfo;
      return { sha256, size: stored.size, contentType: stored.contentType };
    } catch (error) {
      if (isNotFound(error)) return null;
      throw error;
    }
  }

  async delete(sha256: string): Promise<boolean> {
    if (!isSha256Address(sha256)) return false;
    try {
      await unlink(this.contentPath(sha256));
    } catch (error) {
      if (isNotFound(error)) return false;
      throw error;
    }
    await rm(this.infoPath(sha256), { force: true });
    return true;
  }

  close(): Promise<void> {
    return Promise.resolve();
  }

  /** Hashes and counts while writing; leaving the loop early stops (destroys) the source stream. */
  private async receive(
    content: Readable | AsyncIterable<Uint8Array>,
    temporary: string,
    maxBytes: number,
  ): Promise<{ sha256: string; size: number }> {
    const hash = createHash('sha256');
    let size = 0;
    const file = await open(temporary, 'wx');
    try {
      for await (const chunk of content as AsyncIterable<Uint8Array | string>) {
        const bytes = typeof chunk === 'string' ? Buffer.from(chunk) : chunk;
        size += bytes.byteLength;
        if (size > maxBytes) throw new BlobTooLarge(maxBytes);
        hash.update(bytes);
        await file.write(bytes);
      }
      await file.sync();
    } finally {
      await file.close();
    }
    return { sha256: hash.digest('hex'), size };
  }

  private folderOf(sha256: string): string {
    return join(this.directory, sha256.slice(0, 2));
  }

  private contentPath(sha256: string): string {
    return join(this.folderOf(sha256), sha256);
  }

  private infoPath(sha256: string): string {
    return join(this.folderOf(sha256), `${sha256}.json`);
  }
}

/** A rename is durable only once its directory is flushed too. */
async function syncDirectory(path: string): Promise<void> {
  const directory = await open(path, 'r');
  try {
    await directory.sync();
  } finally {
    await directory.close();
  }
}

function isNotFound(error: unknown): boolean {
  return error instanceof Error && 'code' in error && error.code === 'ENOENT';
}
