import {
  assertConsentAccepted,
  CommonErrors,
  GuardErrors,
  type Principal,
  type StaffRole,
} from '@cabinet/kernel';
import type { RequestContext } from './context.ts';

type Of<K extends Principal['kind']> = Extract<Principal, { kind: K }>;

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
