import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { DomainError, isDomainError } from '@cabinet/kernel';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { LocalBlobStore } from '../blobs/local/localBlobStore.ts';
import type { DocumentStore } from '../documents/port.ts';
import { SqliteDocumentStore } from '../documents/sqlite/sqliteDocumentStore.ts';
import { CustomerKeyVault } from '../privacy/customerKeyVault.ts';
import { PublicLinks } from './publicLinks.ts';
import { LinkSigner } from './signedLinks.ts';
import { UploadedFileRepository } from './uploadedFileRepository.ts';
import { UploadedFiles, type FileDownloadGrant, type FileUploadGrant } from './uploadedFiles.ts';

const PDF = Buffer.from('%PDF-1.7\n%%EOF\n');
const CUSTOMER_ID = 'c1a2b3c4-d5e6-4f70-8a9b-0c1d2e3f4a5b';
const OTHER_ID = 'd2b3c4d5-e6f7-4a81-9bac-1d2e3f4a5b6c';
const now = () => new Date('2026-03-02T09:00:00.000Z');

let directory: string;
let documents: DocumentStore;
let files: UploadedFiles;

beforeEach(async () => {
  directory = await mkdtemp(join(tmpdir(), 'uploaded-files-'));
  documents = new SqliteDocumentStore({ file: join(directory, 'documents.sqlite') });
  files = new UploadedFiles({
    records: await UploadedFileRepository.open(documents, 'test_files'),
    blobs: new LocalBlobStore(join(directory, 'blobs')),
    vault: await CustomerKeyVault.open(documents, now),
    signer: new LinkSigner<FileUploadGrant | FileDownloadGrant>(Buffer.alloc(32, 3)),
    links: new PublicLinks('http://gateway.test/files/test'),
    pathOf: (id) => `/files/${id}`,
    idNamespace: '6f0c2b1a-3d4e-4f5a-8b6c-7d8e9f0a1b2c',
    errors: {
      notFound: (id) => new DomainError('DOCUMENT_NOT_FOUND', `not found ${id}`),
      notUploaded: (id) => new DomainError('DOCUMENT_NOT_UPLOADED', `not uploaded ${id}`),
      alreadyUploaded: (id) => new DomainError('DOCUMENT_ALREADY_UPLOADED', `already ${id}`),
    },
    now,
  });
});

afterEach(async () => {
  await documents.close();
  await rm(directory, { recursive: true, force: true });
});

async function refusal(work: Promise<unknown>): Promise<string> {
  const error = await work.then(
    () => null,
    (thrown: unknown) => thrown,
  );
  if (!isDomainError(error)) throw new Error(`expected a DomainError, got ${String(error)}`);
  return error.message;
}

describe('uploaded files', () => {
  it('hands out only the uploader’s own uploaded files, with the name they announced', async () => {
    const file = { fileName: 'скан.pdf', contentType: 'application/pdf', size: PDF.length };
    const ticket = await files.requestUpload({ kind: 'customer', id: CUSTOMER_ID }, file, 'key-1');
    const again = await files.requestUpload({ kind: 'customer', id: CUSTOMER_ID }, file, 'key-1');
    expect(again.documentId).toBe(ticket.documentId);
    expect(await refusal(files.uploadedBy(CUSTOMER_ID, [ticket.documentId]))).toBe(
      `not uploaded ${ticket.documentId}`,
    );

    const token = new URL(ticket.uploadUrl).searchParams.get('token')!;
    await files.receive(ticket.documentId, token, Readable.from([PDF]));
    expect(await files.uploadedBy(CUSTOMER_ID, [ticket.documentId, ticket.documentId])).toEqual([
      expect.objectContaining({ documentId: ticket.documentId, fileName: 'скан.pdf', sizeBytes: PDF.length }),
    ]);
    expect(await refusal(files.uploadedBy(OTHER_ID, [ticket.documentId]))).toBe(
      `not found ${ticket.documentId}`,
    );

    expect(await files.eraseNamesOf(CUSTOMER_ID)).toBe(1);
    expect((await files.uploadedBy(CUSTOMER_ID, [ticket.documentId]))[0]!.fileName).toBe(ticket.documentId);
  });

  it('keeps a staff member’s file name plain and leaves it on a customer’s erasure', async () => {
    const file = { fileName: 'ответ.pdf', contentType: 'application/pdf', size: PDF.length };
    const ticket = await files.requestUpload({ kind: 'staff', id: OTHER_ID }, file, 'key-2');
    const token = new URL(ticket.uploadUrl).searchParams.get('token')!;
    await files.receive(ticket.documentId, token, Readable.from([PDF]));
    expect(await files.eraseNamesOf(CUSTOMER_ID)).toBe(0);
    expect((await files.uploadedBy(OTHER_ID, [ticket.documentId]))[0]!.fileName).toBe('ответ.pdf');
  });
});
