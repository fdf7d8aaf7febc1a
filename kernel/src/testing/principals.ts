import { CURRENT_CONSENT_VERSION } from '../principals/consent.ts';
import type { Principal, StaffRole } from '../principals/principal.ts';

/** Principals for access-rule tests: who calls, with the least each kind needs. */
export const testPrincipals = {
  anonymous: (): Principal => ({ kind: 'anonymous' }),
  /** A confirmed customer under the consent in force, unless the test says otherwise. */
  customer: (customerId: string, consentVersion: string | null = CURRENT_CONSENT_VERSION): Principal => ({
    kind: 'customer',
    customerId,
    sessionId: 'session',
    trusted: true,
    consentVersion,
  }),
  staff: (...roles: StaffRole[]): Principal => ({
    kind: 'staff',
    staffId: 'staff-1',
    sessionId: 'session',
    roles: roles.length > 0 ? roles : ['adjuster'],
  }),
  partner: (partnerId: string): Principal => ({
    kind: 'partner',
    partnerId,
    clientId: `client-${partnerId}`,
    scopes: ['claims:status'],
  }),
};
