import { CURRENT_CONSENT_VERSION } from '@cabinet/kernel';
import { idleDeadlineOf, statusOf, type SessionRecord } from './session.ts';
import type { AccessGrant, IssuedSession } from './sessionService.ts';
import { AccessToken, Session, SessionTokens, SignInMethodType } from './session.type.ts';

export function toSessionTokens(issued: IssuedSession): SessionTokens {
  const { principal } = issued;
  return Object.assign(new SessionTokens(), {
    sessionId: issued.session.id,
    accessToken: issued.accessToken,
    accessTokenExpiresAt: issued.accessTokenExpiresAt,
    refreshToken: issued.refreshToken,
    refreshTokenExpiresAt: issued.refreshTokenExpiresAt,
    consentRequired: principal.kind === 'customer' && principal.consentVersion !== CURRENT_CONSENT_VERSION,
    trusted: principal.kind === 'customer' ? principal.trusted : true,
  });
}

export function toAccessToken(grant: AccessGrant): AccessToken {
  return Object.assign(new AccessToken(), {
    accessToken: grant.accessToken,
    accessTokenExpiresAt: grant.accessTokenExpiresAt,
  });
}

export function toSession(record: SessionRecord, currentSessionId: string, now: Date): Session {
  return Object.assign(new Session(), {
    id: record.id,
    method: SignInMethodType[record.method],
    createdAt: new Date(record.createdAt),
    lastUsedAt: new Date(record.lastUsedAt),
    expiresAt: record.endedAt ? new Date(record.endedAt) : idleDeadlineOf(record),
    active: statusOf(record, now) === 'ACTIVE',
    current: record.id === currentSessionId,
    ip: record.ip,
    userAgent: record.userAgent,
  });
}
