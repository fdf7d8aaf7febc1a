import type { Principal, StaffRole } from '../auth/principal.ts';
import { CommonErrors } from '../errors/domainError.ts';
import type { RequestContext } from './context.ts';

type Of<K extends Principal['kind']> = Extract<Principal, { kind: K }>;

/** The caller must be signed in as a customer. */
export function requireCustomer(context: RequestContext): Of<'customer'> {
  const { principal } = context;
  if (principal.kind === 'anonymous') throw CommonErrors.unauthenticated();
  if (principal.kind !== 'customer') throw CommonErrors.forbidden();
  return principal;
}

/** The caller must be staff with at least one of the roles (any role when none are named). */
export function requireStaff(context: RequestContext, ...roles: StaffRole[]): Of<'staff'> {
  const { principal } = context;
  if (principal.kind === 'anonymous') throw CommonErrors.unauthenticated();
  if (principal.kind !== 'staff') throw CommonErrors.forbidden();
  if (roles.length > 0 && !roles.some((role) => principal.roles.includes(role))) throw CommonErrors.forbidden();
  return principal;
}

/** The caller must be a customer or staff: the people who may see personal data. */
export function requirePerson(context: RequestContext): Of<'customer'> | Of<'staff'> {
  const { principal } = context;
  if (principal.kind === 'anonymous') throw CommonErrors.unauthenticated();
  if (principal.kind === 'partner') throw CommonErrors.forbidden();
  return principal;
}

export function requireAuthenticated(context: RequestContext): Exclude<Principal, { kind: 'anonymous' }> {
  const { principal } = context;
  if (principal.kind === 'anonymous') throw CommonErrors.unauthenticated();
  return principal;
}
