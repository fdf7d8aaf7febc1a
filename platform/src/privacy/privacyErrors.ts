import { DomainError } from '@cabinet/kernel';

export const PrivacyErrors = {
  /** The customer revoked consent and their key is gone: nothing personal of theirs may be recorded any more. */
  personalDataErased: () =>
    new DomainError(
      'PERSONAL_DATA_ERASED',
      'Клиент отозвал согласие на обработку персональных данных, и его данные удалены: сведения с персональными данными о нём больше не принимаются.',
    ),
  /** The same refusal, told to the customer themself: they withdrew consent, or gave it again a moment ago. */
  ownPersonalDataErased: () =>
    new DomainError(
      'PERSONAL_DATA_ERASED',
      'Вы отозвали согласие на обработку персональных данных, поэтому сведения с персональными данными не принимаются. Если вы только что дали согласие снова, повторите через несколько секунд.',
    ),
} as const;
