import { DomainError } from '@cabinet/kernel';

/** A support attachment's own refusals; the signed-upload path's (type, size, link) are `FileErrors` of platform. */
export const AttachmentErrors = {
  notFound: (attachmentId: string) =>
    new DomainError('SUPPORT_ATTACHMENT_NOT_FOUND', 'Вложение не найдено.', { attachmentId }),
  notUploaded: (attachmentId: string) =>
    new DomainError('SUPPORT_ATTACHMENT_NOT_UPLOADED', 'Файл вложения ещё не загружен.', { attachmentId }),
  alreadyUploaded: (attachmentId: string) =>
    new DomainError('SUPPORT_ATTACHMENT_ALREADY_UPLOADED', 'В это вложение уже загружен другой файл.', {
      attachmentId,
    }),
} as const;
