import { CURRENT_CONSENT_VERSION } from '../auth/consent.ts';
import type { Principal, StaffRole } from '../auth/principal.ts';
import { CommonErrors, DomainError } from '../errors/domainError.ts';
import type { RequestContext } from './context.ts';

type Of<K extends Principal['kind']> = Extract<Principal, { kind: K }>;

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

/**
 * The caller must be a signed-in customer, consent or not: only for reading and accepting the
 * consent, and signing out.
 */
export function requireCustomerSession(context: RequestContext): Of<'customer'> {
  const { principal } = context;
  if (principal.kind === 'anonymous') throw CommonErrors.unauthenticated();
  if (principal.kind !== 'customer') throw CommonErrors.forbidden();
  return principal;
}

/** The caller must be a signed-in customer who has accepted the current consent. */
export function requireCustomer(context: RequestContext): Of<'customer'> {
  const principal = requireCustomerSession(context);
  assertConsentAccepted(principal);
  return principal;
}

/** A customer with a confirmed Gosuslugi account: claims and payments need one. */
export function requireTrustedCustomer(context: RequestContext): Of<'customer'> {
  const principal = requireCustomer(context);
  if (!principal.trusted) throw GuardErrors.accountNotConfirmed();
  return principal;
}

/** The caller must be staff with at least one of the roles (any role when none are named). */
export function requireStaff(context: RequestContext, ...roles: StaffRole[]): Of<'staff'> {
  const { principal } = context;
  if (principal.kind === 'anonymous') throw CommonErrors.unauthenticated();
  if (principal.kind !== 'staff') throw CommonErrors.forbidden();
  if (roles.length > 0 && !roles.some((role) => principal.roles.includes(role)))
    throw CommonErrors.forbidden();
  return principal;
}

export function requireAuthenticated(context: RequestContext): Exclude<Principal, { kind: 'anonymous' }> {
  const { principal } = context;
  if (principal.kind === 'anonymous') throw CommonErrors.unauthenticated();
  return principal;
}
