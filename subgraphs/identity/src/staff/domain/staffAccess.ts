import { CommonErrors, type Principal } from '@cabinet/kernel';

/** The staff register is for staff: the claims service asks it, on a staff member's token, whom it may assign. */
export function assertMayReadStaffRegister(principal: Principal): void {
  if (principal.kind === 'anonymous') throw CommonErrors.unauthenticated();
  if (principal.kind !== 'staff') throw CommonErrors.forbidden();
}
