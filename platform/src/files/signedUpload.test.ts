import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { isDomainError } from '@cabinet/kernel';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { LocalBlobStore } from '../blobs/local/localBlobStore.ts';
import { MAX_FILE_BYTES } from './fileErrors.ts';
import { checkAnnouncedFile, storeUpload } from './signedUpload.ts';

const PDF = Buffer.from('%PDF-1.7\n1 0 obj << /Type /Catalog >> endobj\n%%EOF\n');

/** The bytes as a client's upload arrives: in small pieces. */
function inPieces(bytes: Buffer, size = 7): Readable {
  const pieces: Buffer[] = [];
  for (let offset = 0; offset < bytes.length; offset += size)
    pieces.push(bytes.subarray(offset, offset + size));
  return Readable.from(pieces);
}

async function refusal(work: () => unknown): Promise<{ code: string; field?: unknown }> {
  try {
    await work();
  } catch (error) {
    if (isDomainError(error)) return { code: error.code, field: error.details['field'] };
    throw error;
  }
  throw new Error('accepted');
}

describe('an announced file', () => {
  it('keeps its name as it will be shown', () => {
    expect(checkAnnouncedFile({ fileName: '../../скан.pdf', contentType: 'Application/PDF', size: 10 })).toBe(
      'скан.pdf',
    );
  });

  it.each([
    [{ fileName: '..', contentType: 'application/pdf', size: 10 }, 'BAD_USER_INPUT', 'fileName'],
    [{ fileName: 'a.pdf', contentType: 'application/pdf', size: 0 }, 'BAD_USER_INPUT', 'size'],
    [{ fileName: 'a.pdf', contentType: 'application/pdf', size: 1.5 }, 'BAD_USER_INPUT', 'size'],
    [
      { fileName: 'a.pdf', contentType: 'application/pdf', size: MAX_FILE_BYTES + 1 },
      'DOCUMENT_TOO_LARGE',
      undefined,
    ],
    [
      { fileName: 'a.exe', contentType: 'application/x-msdownload', size: 10 },
      'DOCUMENT_TYPE_NOT_ALLOWED',
      undefined,
    ],
  ])('is refused: %j', async (file, code, field) => {
    expect(await refusal(() => checkAnnouncedFile(file))).toEqual({ code, field });
  });
});

describe('a signed upload', () => {
  let directory: string;
  let blobs: LocalBlobStore;
  beforeEach(async () => {
    directory = await mkdtemp(join(tmpdir(), 'signed-upload-'));
    blobs = new LocalBlobStore(directory);
  });
  afterEach(async () => {
    await blobs.close();
    await rm(directory, { recursive: true, force: true });
  });

  it('is stored by its content, with the type its first bytes say', async () => {
    const stored = await storeUpload(inPieces(PDF), blobs, PDF.length);
    expect(stored).toMatchObject({ contentType: 'application/pdf', sizeBytes: PDF.length });
    expect((await blobs.stat(stored.sha256))?.size).toBe(PDF.length);
  });

  it('is refused when its bytes are no allowed type, whatever it was announced as', async () => {
    const program = Buffer.from('MZ\x90\x00 not a document at all');
    expect(await refusal(() => storeUpload(inPieces(program), blobs, 1_000))).toMatchObject({
      code: 'DOCUMENT_TYPE_NOT_ALLOWED',
    });
  });

  it('is cut off once more bytes arrive than the link allows', async () => {
    expect(await refusal(() => storeUpload(inPieces(PDF), blobs, 16))).toMatchObject({
      code: 'DOCUMENT_TOO_LARGE',
    });
  });
});
