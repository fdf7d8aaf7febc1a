import { CommonErrors } from '@cabinet/kernel';
import { BlobTooLarge, type BlobStore } from '../blobs/port.ts';
import { FileErrors, MAX_FILE_BYTES } from './fileErrors.ts';
import { MAX_FILE_NAME_LENGTH, normalizeFileName } from './fileName.ts';
import { ALLOWED_FILE_TYPES, fileTypeOf, SIGNATURE_BYTES, type FileContentType } from './fileType.ts';
import { headOfStream } from './headOfStream.ts';

/** What a customer says about a file before uploading it. */
export interface AnnouncedFile {
  readonly fileName: string;
  readonly contentType: string;
  readonly size: number;
}

/** A stored upload: its type as its bytes say, its size and its content address. */
export interface StoredUpload {
  readonly contentType: FileContentType;
  readonly sizeBytes: number;
  readonly sha256: string;
}

/**
 * The checks of an announced file, before any upload link is signed: a usable name (returned as it is
 * kept), a size in bytes up to MAX_FILE_BYTES and a type that could pass. The declared type only
 * refuses early what could never pass; the file's bytes decide (see `storeUpload`).
 */
export function checkAnnouncedFile(file: AnnouncedFile): string {
  const fileName = normalizeFileName(file.fileName);
  if (fileName === '' || fileName.length > MAX_FILE_NAME_LENGTH) {
    throw CommonErrors.badInput('fileName', 'Укажите имя файла (до 255 символов).');
  }
  if (!Number.isInteger(file.size) || file.size < 1) {
    throw CommonErrors.badInput('size', 'Размер файла — целое число байт больше нуля.');
  }
  if (file.size > MAX_FILE_BYTES) throw FileErrors.tooLarge(MAX_FILE_BYTES);
  if (!(ALLOWED_FILE_TYPES as readonly string[]).includes(file.contentType.trim().toLowerCase())) {
    throw FileErrors.typeNotAllowed();
  }
  return fileName;
}

/**
 * Stores the bytes of a signed upload: the first bytes must be a PDF, JPEG, PNG or HEIC signature, and
 * reading stops with DOCUMENT_TOO_LARGE as soon as more than `maxBytes` (never above MAX_FILE_BYTES)
 * arrive, leaving nothing stored.
 */
export async function storeUpload(
  body: AsyncIterable<Uint8Array>,
  blobs: BlobStore,
  maxBytes: number,
): Promise<StoredUpload> {
  const { head, content } = await headOfStream(body, SIGNATURE_BYTES);
  const contentType = fileTypeOf(head);
  if (contentType === null) throw FileErrors.typeNotAllowed();
  try {
    const blob = await blobs.put(content, { contentType, maxBytes: Math.min(maxBytes, MAX_FILE_BYTES) });
    return { contentType, sizeBytes: blob.size, sha256: blob.sha256 };
  } catch (error) {
    if (error instanceof BlobTooLarge) throw FileErrors.tooLarge(error.maxBytes);
    throw error;
  }
}
