import { DomainError } from '../errors/domainError.ts';
import { CURRENT_CONSENT_VERSION } from './consent.ts';
import type { Principal } from './principal.ts';

/** What a customer does to confirm a Gosuslugi account; the frontend may show them as a list. */
export const ACCOUNT_CONFIRMATION_STEPS = [
  'Войдите на gosuslugi.ru и откройте профиль.',
  'Подтвердите учётную запись: онлайн через банк, электронной подписью или лично в центре обслуживания с паспортом и СНИЛС.',
  'Когда Госуслуги подтвердят запись, выйдите из личного кабинета и войдите снова через Госуслуги.',
] as const;

export const GuardErrors = {
  consentRequired: () =>
    new DomainError(
      'CONSENT_REQUIRED',
      'Чтобы пользоваться личным кабинетом, примите согласие на обработку персональных данных.',
      { consentVersion: CURRENT_CONSENT_VERSION },
    ),
  accountNotConfirmed: () =>
    new DomainError(
      'ACCOUNT_NOT_CONFIRMED',
      'Ваша учётная запись на Госуслугах не подтверждена, поэтому заявления и оплата недоступны. Подтвердите её и войдите снова.',
      { steps: [...ACCOUNT_CONFIRMATION_STEPS] },
    ),
} as const;

/** A customer may use personal data only under the consent version in force (152-ФЗ art. 9). */
export function assertConsentAccepted(principal: Principal): void {
  if (principal.kind === 'customer' && principal.consentVersion !== CURRENT_CONSENT_VERSION) {
    throw GuardErrors.consentRequired();
  }
}
