import { DomainError } from '@cabinet/platform';

export const PrivacyErrors = {
  /** The customer revoked consent and their key is gone: nothing personal of theirs may be recorded any more. */
  personalDataErased: () =>
    new DomainError(
      'PERSONAL_DATA_ERASED',
      'Клиент отозвал согласие на обработку персональных данных, и его данные удалены: сведения с персональными данными по его заявлениям больше не принимаются.',
    ),
} as const;
