import { DomainError } from '@cabinet/kernel';
import { ALLOWED_DOCUMENT_TYPES } from './fileSignature.ts';

export const MAX_DOCUMENT_BYTES = 20 * 1024 * 1024;

export const DocumentErrors = {
  typeNotAllowed: () =>
    new DomainError('DOCUMENT_TYPE_NOT_ALLOWED', 'Можно загрузить только PDF, JPEG, PNG или HEIC.', {
      allowed: [...ALLOWED_DOCUMENT_TYPES],
    }),
  tooLarge: (maxBytes: number) =>
    new DomainError('DOCUMENT_TOO_LARGE', 'Файл слишком большой: не больше 20 МБ.', { maxBytes }),
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
