import { DomainError } from '@cabinet/kernel';

/** A claim document's own refusals; the signed-upload path's (type, size, link) are `FileErrors` of platform. */
export const DocumentErrors = {
  notFound: (documentId?: string) =>
    new DomainError(
      'DOCUMENT_NOT_FOUND',
      'Документ не найден.',
      documentId === undefined ? {} : { documentId },
    ),
  notUploaded: (documentId: string) =>
    new DomainError('DOCUMENT_NOT_UPLOADED', 'Файл документа ещё не загружен.', { documentId }),
  alreadyUploaded: (documentId: string) =>
    new DomainError('DOCUMENT_ALREADY_UPLOADED', 'В этот документ уже загружен другой файл.', { documentId }),
} as const;
