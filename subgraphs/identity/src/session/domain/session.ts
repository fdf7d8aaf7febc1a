import type { StaffRole } from '@cabinet/kernel';

/** NIST 800-63B AAL2: re-authenticate after 30 minutes idle and every 12 hours. */
export const SESSION_IDLE_TIMEOUT_MS = 30 * 60 * 1000;
export const SESSION_ABSOLUTE_LIFETIME_MS = 12 * 60 * 60 * 1000;

export type SessionSubject =
  | { readonly kind: 'customer'; readonly customerId: string; readonly trusted: boolean }
  | { readonly kind: 'staff'; readonly staffId: string; readonly roles: readonly StaffRole[] };

export type SignInMethod = 'GOSUSLUGI' | 'PASSWORD';

export type SessionEndReason = 'SIGNED_OUT' | 'REVOKED' | 'REFRESH_TOKEN_REUSED' | 'CONSENT_REVOKED';

export interface SessionRecord {
  readonly id: string;
  /** The customer's or staff member's id, indexed to list and end someone's sessions. */
  readonly subjectId: string;
  readonly subject: SessionSubject;
  readonly method: SignInMethod;
  readonly createdAt: string;
  readonly lastUsedAt: string;
  readonly absoluteExpiresAt: string;
  readonly endedAt: string | null;
  readonly endReason: SessionEndReason | null;
  readonly ip: string | null;
  readonly userAgent: string | null;
}

/**
 * One issued refresh token, stored under its hash. A rotated one may come back only within the reuse
 * grace, for the pair it was traded for (`successor`, sealed with a key only the token itself gives).
 */
export interface RefreshTokenRecord {
  readonly sessionId: string;
  readonly issuedAt: string;
  readonly rotatedAt: string | null;
  /** Absent on tokens rotated before the grace existed: those are never replayed. */
  readonly successor?: string | null;
}

export type SessionStatus = 'ACTIVE' | 'IDLE_EXPIRED' | 'EXPIRED' | 'ENDED';

export function subjectIdOf(subject: SessionSubject): string {
  return subject.kind === 'customer' ? subject.customerId : subject.staffId;
}

export function openSession(input: {
  id: string;
  subject: SessionSubject;
  method: SignInMethod;
  now: Date;
  ip: string | null;
  userAgent: string | null;
}): SessionRecord {
  return {
    id: input.id,
    subjectId: subjectIdOf(input.subject),
    subject: input.subject,
    method: input.method,
    createdAt: input.now.toISOString(),
    lastUsedAt: input.now.toISOString(),
    absoluteExpiresAt: new Date(input.now.getTime() + SESSION_ABSOLUTE_LIFETIME_MS).toISOString(),
    endedAt: null,
    endReason: null,
    ip: input.ip,
    userAgent: input.userAgent,
  };
}

/** When the session lapses unless it is used again: 30 minutes idle, never past the absolute end. */
export function idleDeadlineOf(session: SessionRecord): Date {
  const idle = new Date(session.lastUsedAt).getTime() + SESSION_IDLE_TIMEOUT_MS;
  return new Date(Math.min(idle, new Date(session.absoluteExpiresAt).getTime()));
}

export function statusOf(session: SessionRecord, now: Date): SessionStatus {
  if (session.endedAt !== null) return 'ENDED';
  if (now.getTime() >= new Date(session.absoluteExpiresAt).getTime()) return 'EXPIRED';
  if (now.getTime() >= idleDeadlineOf(session).getTime()) return 'IDLE_EXPIRED';
  return 'ACTIVE';
}

export function touched(session: SessionRecord, now: Date): SessionRecord {
  return { ...session, lastUsedAt: now.toISOString() };
}

export function ended(session: SessionRecord, reason: SessionEndReason, now: Date): SessionRecord {
  return session.endedAt === null ? { ...session, endedAt: now.toISOString(), endReason: reason } : session;
}
