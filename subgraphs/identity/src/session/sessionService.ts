import type { AuthenticatedPrincipal } from '@cabinet/kernel';
import type { RequestClient } from '@cabinet/platform/activity';
import { ACCESS_TOKEN_TTL_SECONDS, type AccessTokenSigner } from '@cabinet/platform/auth';
import { VersionConflict } from '@cabinet/platform/documents';
import { encodeRefreshToken, hashRefreshToken, REFRESH_TOKEN_BYTES } from './refreshToken.ts';
import {
  ended,
  idleDeadlineOf,
  openSession,
  statusOf,
  touched,
  type SessionEndReason,
  type SessionRecord,
  type SessionSubject,
  type SignInMethod,
} from './session.ts';
import { SessionErrors } from './sessionErrors.ts';
import type { SessionRepository } from './sessionRepository.ts';

export interface AccessGrant {
  readonly accessToken: string;
  readonly accessTokenExpiresAt: Date;
  readonly principal: Extract<AuthenticatedPrincipal, { kind: 'customer' | 'staff' }>;
}

export interface IssuedSession extends AccessGrant {
  readonly session: SessionRecord;
  readonly refreshToken: string;
  /** The refresh token must be used before this (idle timeout), and never after the absolute end. */
  readonly refreshTokenExpiresAt: Date;
}

export interface SessionServiceDeps {
  readonly sessions: SessionRepository;
  readonly signer: AccessTokenSigner;
  /** A customer's consent version in force, read fresh for every token. */
  readonly consentVersionOf: (customerId: string) => Promise<string | null>;
  readonly now: () => Date;
  readonly newId: () => string;
  readonly randomBytes: (size: number) => Uint8Array;
}

export class SessionService {
  constructor(private readonly deps: SessionServiceDeps) {}

  async open(subject: SessionSubject, method: SignInMethod, client: RequestClient): Promise<IssuedSession> {
    const session = openSession({ id: this.deps.newId(), subject, method, now: this.deps.now(), ...client });
    await this.deps.sessions.insert(session);
    return this.issue(session);
  }

  /**
   * Trades a refresh token for a new pair. A token that was already rotated means it was copied:
   * the whole session ends, so neither the thief nor the owner keeps it.
   */
  async refresh(refreshToken: string): Promise<IssuedSession> {
    const now = this.deps.now();
    const hash = hashRefreshToken(refreshToken);
    const stored = await this.deps.sessions.getRefreshToken(hash);
    if (!stored) throw SessionErrors.refreshTokenInvalid();
    if (stored.data.rotatedAt !== null) {
      await this.end(stored.data.sessionId, 'REFRESH_TOKEN_REUSED');
      throw SessionErrors.refreshTokenReused();
    }
    const session = await this.deps.sessions.get(stored.data.sessionId);
    if (!session || statusOf(session.data, now) !== 'ACTIVE') throw SessionErrors.refreshTokenInvalid();
    try {
      await this.deps.sessions.markRotated(hash, stored.data, stored.version, now.toISOString());
    } catch (error) {
      if (!(error instanceof VersionConflict)) throw error;
      // Two refreshes raced with one token: the loser is the reuse.
      await this.end(stored.data.sessionId, 'REFRESH_TOKEN_REUSED');
      throw SessionErrors.refreshTokenReused();
    }
    const used = touched(session.data, now);
    await this.deps.sessions.replace(used, session.version);
    return this.issue(used);
  }

  /** A new access token for a live session, e.g. after the consent changed what it must carry. */
  async reissueAccess(sessionId: string): Promise<AccessGrant> {
    const session = await this.activeSession(sessionId);
    return this.accessFor(session);
  }

  /** The session behind an access token, refused once it has ended, so identity honours revocation at once. */
  async activeSession(sessionId: string): Promise<SessionRecord> {
    const session = await this.deps.sessions.get(sessionId);
    const status = session ? statusOf(session.data, this.deps.now()) : 'ENDED';
    if (!session || status === 'ENDED' || status === 'EXPIRED') throw SessionErrors.refreshTokenInvalid();
    return session.data;
  }

  async end(sessionId: string, reason: SessionEndReason): Promise<SessionRecord | null> {
    for (;;) {
      const session = await this.deps.sessions.get(sessionId);
      if (!session) return null;
      const next = ended(session.data, reason, this.deps.now());
      if (next === session.data) return next;
      try {
        await this.deps.sessions.replace(next, session.version);
        return next;
      } catch (error) {
        if (!(error instanceof VersionConflict)) throw error;
      }
    }
  }

  async endAllFor(subjectId: string, reason: SessionEndReason): Promise<number> {
    const live = (await this.listFor(subjectId)).filter((session) => session.endedAt === null);
    for (const session of live) await this.end(session.id, reason);
    return live.length;
  }

  async listFor(subjectId: string): Promise<SessionRecord[]> {
    const sessions = await this.deps.sessions.listFor(subjectId);
    return sessions.map((stored) => stored.data).sort((a, b) => b.createdAt.localeCompare(a.createdAt));
  }

  private async issue(session: SessionRecord): Promise<IssuedSession> {
    const refreshToken = encodeRefreshToken(this.deps.randomBytes(REFRESH_TOKEN_BYTES));
    await this.deps.sessions.insertRefreshToken(hashRefreshToken(refreshToken), {
      sessionId: session.id,
      issuedAt: this.deps.now().toISOString(),
      rotatedAt: null,
    });
    return {
      ...(await this.accessFor(session)),
      session,
      refreshToken,
      refreshTokenExpiresAt: idleDeadlineOf(session),
    };
  }

  private async accessFor(session: SessionRecord): Promise<AccessGrant> {
    const now = this.deps.now();
    const { subject } = session;
    const principal: AccessGrant['principal'] =
      subject.kind === 'customer'
        ? {
            kind: 'customer',
            customerId: subject.customerId,
            sessionId: session.id,
            trusted: subject.trusted,
            consentVersion: await this.deps.consentVersionOf(subject.customerId),
          }
        : { kind: 'staff', staffId: subject.staffId, sessionId: session.id, roles: subject.roles };
    const accessToken = await this.deps.signer.sign(principal, { now });
    return {
      accessToken,
      accessTokenExpiresAt: new Date(now.getTime() + ACCESS_TOKEN_TTL_SECONDS * 1000),
      principal,
    };
  }
}
