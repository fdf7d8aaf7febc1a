import type { Principal } from '@cabinet/kernel';

/** Staff roles that may act on a claim; analysts only read. */
export type ClaimStaffRole = 'adjuster' | 'supervisor';

export type ClaimActor =
  | { readonly kind: 'customer'; readonly customerId: string }
  | { readonly kind: 'staff'; readonly staffId: string; readonly role: ClaimStaffRole };

export type StaffClaimActor = Extract<ClaimActor, { kind: 'staff' }>;

/**
 * The actor a principal acts as on claims, or null when it may not act at all (anonymous, partner,
 * analyst-only staff). Staff holding both roles act as supervisors.
 */
export function claimActorOf(principal: Principal): ClaimActor | null {
  switch (principal.kind) {
    case 'customer':
      return { kind: 'customer', customerId: principal.customerId };
    case 'staff':
      if (principal.roles.includes('supervisor')) {
        return { kind: 'staff', staffId: principal.staffId, role: 'supervisor' };
      }
      if (principal.roles.includes('adjuster')) {
        return { kind: 'staff', staffId: principal.staffId, role: 'adjuster' };
      }
      return null;
    case 'partner':
    case 'anonymous':
      return null;
    default: {
      const _exhaustive: never = principal;
      return _exhaustive;
    }
  }
}
