import { createHash } from 'node:crypto';
import { Readable } from 'node:stream';
import { afterAll, afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { BlobStore } from '@cabinet/platform/blobs';
import { BlobTooLarge } from '@cabinet/platform/blobs';
import { blobStoreAdapters } from './support/blobStoreAdapters.ts';

const sha256 = (bytes: Buffer) => createHash('sha256').update(bytes).digest('hex');

async function bytesOf(content: Readable): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of content) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

/** Yields `chunkSize`-byte chunks for ever, recording how many were pulled and whether it was stopped. */
function endlessSource(chunkSize: number) {
  const state = { pulled: 0, stopped: false };
  async function* generate() {
    try {
      for (;;) {
        state.pulled += 1;
        yield await Promise.resolve(Buffer.alloc(chunkSize, state.pulled % 256));
      }
    } finally {
      state.stopped = true;
    }
  }
  return { state, source: generate() };
}

for (const adapter of blobStoreAdapters()) {
  describe.runIf(adapter.available)(`${adapter.title}: blob store contract`, () => {
    let store: BlobStore;

    beforeEach(async () => {
      store = await adapter.open();
    });
    afterEach(() => store.close());
    afterAll(() => adapter.cleanUp());

    it('addresses content by its sha256 and gives the same bytes back', async () => {
      const content = Buffer.from('Заявление о страховом случае №1'.repeat(5000));

      const info = await store.put(Readable.from([content.subarray(0, 7), content.subarray(7)]), {
        contentType: 'application/pdf',
        maxBytes: content.length,
      });
      const stored = await store.get(info.sha256);

      expect(info).toEqual({ sha256: sha256(content), size: content.length, contentType: 'application/pdf' });
      expect(stored?.info).toEqual(info);
      expect(await bytesOf(stored?.content ?? Readable.from([]))).toEqual(content);
      expect(await store.stat(info.sha256)).toEqual(info);
    });

    it('accepts an async iterable of byte arrays and empty content', async () => {
      async function* parts() {
        yield await Promise.resolve(new Uint8Array([1, 2, 3]));
      }

      const info = await store.put(parts(), { contentType: 'application/octet-stream', maxBytes: 3 });
      const empty = await store.put(Readable.from([]), { contentType: 'text/plain', maxBytes: 3 });

      expect(info).toMatchObject({ sha256: sha256(Buffer.from([1, 2, 3])), size: 3 });
      expect(empty).toMatchObject({ sha256: sha256(Buffer.alloc(0)), size: 0 });
    });

    it('stores the same bytes once', async () => {
      const content = Buffer.from('one copy');
      const first = await store.put(Readable.from([content]), { contentType: 'text/plain', maxBytes: 100 });
      const objects = await adapter.storedObjects();

      const second = await store.put(Readable.from([content]), { contentType: 'text/plain', maxBytes: 100 });

      expect(second).toEqual(first);
      expect(await adapter.storedObjects()).toBe(objects);
    });

    it('stops reading and keeps nothing as soon as the content exceeds the limit', async () => {
      const { state, source } = endlessSource(1024);

      const error: unknown = await store
        .put(source, { contentType: 'application/pdf', maxBytes: 10 * 1024 })
        .catch((rejection: unknown) => rejection);

      expect(error).toBeInstanceOf(BlobTooLarge);
      expect(state).toEqual({ pulled: 11, stopped: true });
      expect(await adapter.storedObjects()).toBe(0);
    });

    it('keeps nothing when the source fails midway', async () => {
      async function* failing() {
        yield await Promise.resolve(Buffer.from('partial'));
        throw new Error('connection reset');
      }

      await expect(store.put(failing(), { contentType: 'text/plain', maxBytes: 100 })).rejects.toThrow(
        'connection reset',
      );
      expect(await adapter.storedObjects()).toBe(0);
    });

    it('accepts content of exactly the limit', async () => {
      const content = Buffer.alloc(4096, 7);

      const info = await store.put(Readable.from([content]), { contentType: 'image/png', maxBytes: 4096 });

      expect(info.size).toBe(4096);
    });

    it('deletes once and then reads the address as missing', async () => {
      const info = await store.put(Readable.from([Buffer.from('x')]), {
        contentType: 'text/plain',
        maxBytes: 1,
      });

      expect(await store.delete(info.sha256)).toBe(true);
      expect(await store.delete(info.sha256)).toBe(false);
      expect(await store.get(info.sha256)).toBeNull();
      expect(await store.stat(info.sha256)).toBeNull();
      expect(await adapter.storedObjects()).toBe(0);
    });

    it.each(['0'.repeat(64), 'not-a-hash', '../../etc/passwd', 'A'.repeat(64)])(
      'has nothing at address %s',
      async (address) => {
        expect(await store.get(address)).toBeNull();
        expect(await store.stat(address)).toBeNull();
        expect(await store.delete(address)).toBe(false);
      },
    );
  });
}
