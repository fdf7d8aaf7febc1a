import { assertConsentAccepted, CommonErrors, DomainError, type Principal } from '@cabinet/kernel';

export const customerNotFound = () => new DomainError('CUSTOMER_NOT_FOUND', 'Клиент не найден.');

/**
 * A customer sees only their own record, staff see every record, partners see none (no personal data
 * leaves for them). Someone else's record answers "not found" so ids cannot be probed.
 */
export function assertMaySeeCustomer(principal: Principal, customerId: string): void {
  switch (principal.kind) {
    case 'anonymous':
      throw CommonErrors.unauthenticated();
    case 'customer':
      if (principal.customerId !== customerId) throw customerNotFound();
      assertConsentAccepted(principal);
      return;
    case 'staff':
      return;
    case 'partner':
      throw CommonErrors.forbidden();
  }
}
