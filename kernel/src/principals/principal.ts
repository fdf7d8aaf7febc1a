export const STAFF_ROLES = ['adjuster', 'supervisor', 'analyst', 'support'] as const;
export type StaffRole = (typeof STAFF_ROLES)[number];

export const PARTNER_SCOPES = ['claims:status'] as const;
export type PartnerScope = (typeof PARTNER_SCOPES)[number];

/** Who is calling, as every subgraph sees it after verifying the access token itself. */
export type Principal =
  | { readonly kind: 'anonymous' }
  | {
      readonly kind: 'customer';
      readonly customerId: string;
      readonly sessionId: string;
      /** A confirmed Gosuslugi account; unconfirmed ones may sign in but not claim or pay. */
      readonly trusted: boolean;
      /** The version of the 152-ФЗ consent the customer has accepted; absent or null when none is in force. */
      readonly consentVersion?: string | null;
    }
  | {
      readonly kind: 'staff';
      readonly staffId: string;
      readonly sessionId: string;
      readonly roles: readonly StaffRole[];
    }
  | {
      readonly kind: 'partner';
      readonly partnerId: string;
      readonly clientId: string;
      readonly scopes: readonly PartnerScope[];
    };

export type PrincipalKind = Principal['kind'];
export type AuthenticatedPrincipal = Exclude<Principal, { kind: 'anonymous' }>;

export const ANONYMOUS: Principal = Object.freeze({ kind: 'anonymous' });
