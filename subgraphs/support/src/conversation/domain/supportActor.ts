import type { Principal } from '@cabinet/kernel';

/**
 * Who acts on a conversation: its customer, an operator (staff with the `support` role, or a
 * supervisor, who may do everything an operator may and also assign conversations to others), or a
 * claims adjuster, who takes part only in the conversations an operator pulled them into.
 */
export type SupportActor =
  | { readonly kind: 'customer'; readonly customerId: string }
  | { readonly kind: 'operator'; readonly staffId: string; readonly supervisor: boolean }
  | { readonly kind: 'adjuster'; readonly staffId: string };

export type OperatorActor = Extract<SupportActor, { kind: 'operator' }>;

/** The actor a principal acts as in support, or null when it has no part in it (partners, other staff). */
export function supportActorOf(principal: Principal): SupportActor | null {
  switch (principal.kind) {
    case 'customer':
      return { kind: 'customer', customerId: principal.customerId };
    case 'staff': {
      const supervisor = principal.roles.includes('supervisor');
      if (supervisor || principal.roles.includes('support'))
        return { kind: 'operator', staffId: principal.staffId, supervisor };
      return principal.roles.includes('adjuster') ? { kind: 'adjuster', staffId: principal.staffId } : null;
    }
    case 'partner':
    case 'anonymous':
      return null;
    default: {
      const _exhaustive: never = principal;
      return _exhaustive;
    }
  }
}
