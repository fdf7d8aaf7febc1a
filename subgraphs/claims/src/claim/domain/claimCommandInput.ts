import type { AttachedDocument } from './claimCommands.ts';
import { ClaimErrors } from './claimErrors.ts';
import type { ClaimDocument, ClaimDocumentName } from './claimEvents.ts';

const MAX_TEXT_LENGTH = 4000;

/** Text a command must carry: trimmed, not blank, not longer than the limit. */
export function requiredText(field: string, value: string, messageWhenBlank: string): string {
  const text = value.trim();
  if (text === '') throw ClaimErrors.badInput(field, messageWhenBlank);
  if (text.length > MAX_TEXT_LENGTH) {
    throw ClaimErrors.badInput(field, `Текст длиннее ${MAX_TEXT_LENGTH} символов.`);
  }
  return text;
}

/** Text a command may leave out: blank is none. */
export function optionalText(field: string, value: string | null): string | null {
  return value === null || value.trim() === '' ? null : requiredText(field, value, '');
}

/** Attached documents as events keep them: the files apart from their (personal) names. */
export function splitDocuments(attached: readonly AttachedDocument[]): {
  documents: ClaimDocument[];
  documentNames: ClaimDocumentName[];
} {
  return {
    documents: attached.map(({ documentId, contentType, sizeBytes, sha256 }) => ({
      documentId,
      contentType,
      sizeBytes,
      sha256,
    })),
    documentNames: attached.map(({ documentId, fileName }) => ({ documentId, fileName })),
  };
}
