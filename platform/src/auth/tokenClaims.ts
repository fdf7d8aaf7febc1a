import type { JWTPayload } from 'jose';
import {
  PARTNER_SCOPES,
  STAFF_ROLES,
  type AuthenticatedPrincipal,
  type PartnerScope,
  type StaffRole,
} from '@cabinet/kernel';

/** The claims our access tokens carry besides the registered ones (iss, aud, exp, iat, jti). */
export interface AccessTokenClaims extends JWTPayload {
  sub: string;
  kind: AuthenticatedPrincipal['kind'];
  sid?: string;
  roles?: StaffRole[];
  scope?: string;
  partnerId?: string;
  trusted?: boolean;
  /** The accepted consent version of a customer; absent when none is in force. */
  consent?: string;
}

export function claimsFor(principal: AuthenticatedPrincipal): AccessTokenClaims {
  switch (principal.kind) {
    case 'customer':
      return {
        sub: principal.customerId,
        kind: 'customer',
        sid: principal.sessionId,
        trusted: principal.trusted,
        ...(principal.consentVersion ? { consent: principal.consentVersion } : {}),
      };
    case 'staff':
      return { sub: principal.staffId, kind: 'staff', sid: principal.sessionId, roles: [...principal.roles] };
    case 'partner':
      return {
        sub: principal.clientId,
        kind: 'partner',
        partnerId: principal.partnerId,
        scope: principal.scopes.join(' '),
      };
  }
}

/** Reads a verified payload back into a principal; anything unexpected means the token is not ours. */
export function principalFrom(payload: JWTPayload): AuthenticatedPrincipal | null {
  const { sub, kind, sid } = payload as Partial<AccessTokenClaims>;
  if (typeof sub !== 'string' || sub === '') return null;
  switch (kind) {
    case 'customer':
      if (typeof sid !== 'string') return null;
      return {
        kind,
        customerId: sub,
        sessionId: sid,
        trusted: payload['trusted'] === true,
        consentVersion: typeof payload['consent'] === 'string' ? payload['consent'] : null,
      };
    case 'staff': {
      const roles = payload['roles'];
      if (typeof sid !== 'string' || !Array.isArray(roles)) return null;
      const known = roles.filter((r): r is StaffRole => (STAFF_ROLES as readonly unknown[]).includes(r));
      return known.length === roles.length ? { kind, staffId: sub, sessionId: sid, roles: known } : null;
    }
    case 'partner': {
      const { partnerId, scope } = payload as Partial<AccessTokenClaims>;
      if (typeof partnerId !== 'string' || typeof scope !== 'string') return null;
      const scopes = scope
        .split(' ')
        .filter((s): s is PartnerScope => (PARTNER_SCOPES as readonly string[]).includes(s));
      return { kind, partnerId, clientId: sub, scopes };
    }
    case undefined:
    default:
      return null;
  }
}
