import { DomainError } from '@cabinet/kernel';

export const LinkErrors = {
  invalid: () =>
    new DomainError('DOCUMENT_LINK_INVALID', 'Ссылка недействительна. Запросите новую в личном кабинете.'),
  expired: () =>
    new DomainError(
      'DOCUMENT_LINK_EXPIRED',
      'Срок действия ссылки истёк. Запросите новую в личном кабинете.',
    ),
} as const;
