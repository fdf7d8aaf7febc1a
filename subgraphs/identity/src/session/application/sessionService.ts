import type { AuthenticatedPrincipal } from '@cabinet/kernel';
import type { RequestClient } from '@cabinet/contracts';
import { ACCESS_TOKEN_TTL_SECONDS, type AccessTokenSigner } from '@cabinet/platform/auth';
import { VersionConflict } from '@cabinet/platform/documents';
import { encodeRefreshToken, hashRefreshToken, REFRESH_TOKEN_BYTES } from './refreshToken.ts';
import { openWith, SEAL_IV_BYTES, sealFor } from './successorSeal.ts';
import { refreshDecision } from '../domain/refreshRotation.ts';
import {
  ended,
  idleDeadlineOf,
  openSession,
  statusOf,
  touched,
  type RefreshTokenRecord,
  type SessionEndReason,
  type SessionRecord,
  type SessionSubject,
  type SignInMethod,
} from '../domain/session.ts';
import { SessionErrors } from '../domain/sessionErrors.ts';
import type { SessionRepository } from '../storage/sessionRepository.ts';

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
  /** How long a rotated refresh token still returns the pair it bought (a client's retry after a time-out). */
  readonly reuseGraceMs: number;
}

/** What a rotated refresh token's record keeps, sealed, to answer a retry with the same pair. */
type SealedPair = Omit<IssuedSession, 'session' | 'accessTokenExpiresAt' | 'refreshTokenExpiresAt'> & {
  readonly accessTokenExpiresAt: string;
  readonly refreshTokenExpiresAt: string;
};

export class SessionService {
  constructor(private readonly deps: SessionServiceDeps) {}

  async open(subject: SessionSubject, method: SignInMethod, client: RequestClient): Promise<IssuedSession> {
    const session = openSession({ id: this.deps.newId(), subject, method, now: this.deps.now(), ...client });
    await this.deps.sessions.insert(session);
    return this.issue(session);
  }

  /**
   * Trades a refresh token for a new pair. The same token within the reuse grace gets the same pair
   * again (the client retried after losing the answer); after that, or once the new pair was used, a
   * rotated token means it was copied: the whole session ends, so neither the thief nor the owner keeps it.
   */
  async refresh(refreshToken: string): Promise<IssuedSession> {
    const hash = hashRefreshToken(refreshToken);
    for (;;) {
      const now = this.deps.now();
      const stored = await this.deps.sessions.getRefreshToken(hash);
      if (!stored) throw SessionErrors.refreshTokenInvalid();
      const decision = refreshDecision(stored.data, now, this.deps.reuseGraceMs);
      if (decision === 'REUSED') return this.reused(stored.data.sessionId);
      const session = await this.deps.sessions.get(stored.data.sessionId);
      if (!session || statusOf(session.data, now) !== 'ACTIVE') throw SessionErrors.refreshTokenInvalid();
      if (decision === 'REPLAY') return this.replay(refreshToken, stored.data, session.data);
      const used = touched(session.data, now);
      const issued = await this.issue(used);
      try {
        await this.deps.sessions.markRotated(hash, stored.data, stored.version, {
          at: now.toISOString(),
          successor: this.seal(refreshToken, issued),
        });
      } catch (error) {
        if (!(error instanceof VersionConflict)) throw error;
        // Another refresh with this token won the race: the next round answers with its pair.
        await this.deps.sessions.deleteRefreshToken(hashRefreshToken(issued.refreshToken));
        continue;
      }
      await this.deps.sessions.replace(used, session.version);
      return issued;
    }
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
      // Published before the end is stored, so no session is ever ended without the services hearing of it.
      await this.deps.sessions.recordEnded(next.id, next.endedAt ?? this.deps.now().toISOString());
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

  /** The session with this id, whoever holds it: the caller applies who may see it. */
  async find(sessionId: string): Promise<SessionRecord | null> {
    return (await this.deps.sessions.get(sessionId))?.data ?? null;
  }

  async listFor(subjectId: string): Promise<SessionRecord[]> {
    const sessions = await this.deps.sessions.listFor(subjectId);
    return sessions.map((stored) => stored.data).sort((a, b) => b.createdAt.localeCompare(a.createdAt));
  }

  private async reused(sessionId: string): Promise<never> {
    await this.end(sessionId, 'REFRESH_TOKEN_REUSED');
    throw SessionErrors.refreshTokenReused();
  }

  /** The pair this token bought, unless that pair has been used since: then this is a copy. */
  private async replay(
    refreshToken: string,
    record: RefreshTokenRecord,
    session: SessionRecord,
  ): Promise<IssuedSession> {
    const pair = openWith(refreshToken, record.successor ?? '') as SealedPair | null;
    if (!pair) return this.reused(record.sessionId);
    const successor = await this.deps.sessions.getRefreshToken(hashRefreshToken(pair.refreshToken));
    if (!successor || successor.data.rotatedAt !== null) return this.reused(record.sessionId);
    return {
      ...pair,
      accessTokenExpiresAt: new Date(pair.accessTokenExpiresAt),
      refreshTokenExpiresAt: new Date(pair.refreshTokenExpiresAt),
      session,
    };
  }

  private seal(refreshToken: string, issued: IssuedSession): string {
    const pair: SealedPair = {
      accessToken: issued.accessToken,
      accessTokenExpiresAt: issued.accessTokenExpiresAt.toISOString(),
      principal: issued.principal,
      refreshToken: issued.refreshToken,
      refreshTokenExpiresAt: issued.refreshTokenExpiresAt.toISOString(),
    };
    return sealFor(refreshToken, pair, this.deps.randomBytes(SEAL_IV_BYTES));
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
