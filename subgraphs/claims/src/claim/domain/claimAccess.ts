import { assertConsentAccepted, CommonErrors, type Principal } from '@cabinet/kernel';
import { ClaimErrors } from './claimErrors.ts';

interface ClaimOwnership {
  readonly claimId: string;
  readonly customerId: string;
  readonly soldByPartnerId: string | null;
}

/**
 * Reading a claim: its customer and staff. Someone else's claim answers CLAIM_NOT_FOUND so ids
 * cannot be probed; partners follow status changes only (see `mayFollowStatus`), never the card, and
 * are told "not found" too, whether or not they sold the policy, so no claim's existence is confirmed.
 */
export function assertMayReadClaim(
  principal: Principal,
  claim: ClaimOwnership | null,
  claimId: string,
): ClaimOwnership {
  if (principal.kind === 'anonymous') throw CommonErrors.unauthenticated();
  if (principal.kind === 'partner') throw ClaimErrors.notFound(claimId);
  assertConsentAccepted(principal);
  if (!claim || (principal.kind === 'customer' && claim.customerId !== principal.customerId)) {
    throw ClaimErrors.notFound(claimId);
  }
  return claim;
}

/** Following status changes: the customer, staff, and the partner that sold the policy. */
export function mayFollowStatus(principal: Principal, claim: ClaimOwnership): boolean {
  switch (principal.kind) {
    case 'anonymous':
      return false;
    case 'customer':
      return claim.customerId === principal.customerId;
    case 'staff':
      return true;
    case 'partner':
      return principal.scopes.includes('claims:status') && claim.soldByPartnerId === principal.partnerId;
  }
}
