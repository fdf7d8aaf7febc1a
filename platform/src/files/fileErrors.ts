import { DomainError } from '@cabinet/kernel';
import { ALLOWED_FILE_TYPES } from './fileType.ts';

/** The largest file a customer may upload to any service. */
export const MAX_FILE_BYTES = 20 * 1024 * 1024;

/** The refusals of the signed-upload path, the same for every service that takes files. */
export const FileErrors = {
  typeNotAllowed: () =>
    new DomainError('DOCUMENT_TYPE_NOT_ALLOWED', 'Можно загрузить только PDF, JPEG, PNG или HEIC.', {
      allowed: [...ALLOWED_FILE_TYPES],
    }),
  tooLarge: (maxBytes: number) =>
    new DomainError('DOCUMENT_TOO_LARGE', 'Файл слишком большой: не больше 20 МБ.', { maxBytes }),
  linkInvalid: () =>
    new DomainError('DOCUMENT_LINK_INVALID', 'Ссылка недействительна. Запросите новую в личном кабинете.'),
  linkExpired: () =>
    new DomainError(
      'DOCUMENT_LINK_EXPIRED',
      'Срок действия ссылки истёк. Запросите новую в личном кабинете.',
    ),
} as const;
