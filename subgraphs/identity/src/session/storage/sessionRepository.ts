import {
  DuplicateKey,
  type Collection,
  type DocumentStore,
  type Page,
  type StoredDocument,
} from '@cabinet/platform/documents';
import type { RefreshTokenRecord, SessionRecord } from '../domain/session.ts';

const SESSIONS = { name: 'sessions', indexes: [{ fields: ['subjectId'] }] } as const;
const REFRESH_TOKENS = { name: 'refresh_tokens', indexes: [{ fields: ['sessionId'] }] } as const;
/** The feed of ended sessions, stored under the session id: when each ended, and nothing else. */
const ENDED_SESSIONS = { name: 'ended_sessions', indexes: [{ fields: ['endedAt'] }] } as const;

export interface EndedSessionRecord {
  readonly endedAt: string;
}

/** The most sessions one person is shown or ended at once; more would mean something is wrong. */
const SESSIONS_PER_SUBJECT = 100;

export class SessionRepository {
  private constructor(
    private readonly sessions: Collection<SessionRecord>,
    private readonly refreshTokens: Collection<RefreshTokenRecord>,
    private readonly endedSessions: Collection<EndedSessionRecord>,
  ) {}

  static async open(store: DocumentStore): Promise<SessionRepository> {
    return new SessionRepository(
      await store.collection<SessionRecord>(SESSIONS),
      await store.collection<RefreshTokenRecord>(REFRESH_TOKENS),
      await store.collection<EndedSessionRecord>(ENDED_SESSIONS),
    );
  }

  get(id: string): Promise<StoredDocument<SessionRecord> | null> {
    return this.sessions.get(id);
  }

  async insert(session: SessionRecord): Promise<void> {
    await this.sessions.insert(session.id, session);
  }

  async replace(session: SessionRecord, expectedVersion: number): Promise<void> {
    await this.sessions.replace(session.id, session, expectedVersion);
  }

  async listFor(subjectId: string): Promise<StoredDocument<SessionRecord>[]> {
    const page = await this.sessions.find({
      where: { subjectId },
      first: SESSIONS_PER_SUBJECT,
    });
    return page.items;
  }

  async deleteFor(subjectId: string): Promise<void> {
    for (const session of await this.listFor(subjectId)) {
      await this.deleteTokensOf(session.id);
      await this.sessions.delete(session.id);
    }
  }

  /** Publishes a session's end to the feed; the first end recorded stands. */
  async recordEnded(sessionId: string, endedAt: string): Promise<void> {
    try {
      await this.endedSessions.insert(sessionId, { endedAt });
    } catch (error) {
      if (!(error instanceof DuplicateKey)) throw error;
    }
  }

  /** Sessions ended at or after `since`, oldest first, a page at a time. */
  endedSince(since: string, first: number, after?: string): Promise<Page<EndedSessionRecord>> {
    return this.endedSessions.find({
      where: { endedAt: { gte: since } },
      sort: [{ field: 'endedAt', direction: 'asc' }],
      first,
      ...(after === undefined ? {} : { after }),
    });
  }

  /** Drops ended sessions whose every access token has expired; returns how many went. */
  async forgetEndedBefore(cutoff: string, batch: number): Promise<number> {
    const page = await this.endedSessions.find({ where: { endedAt: { lt: cutoff } }, first: batch });
    for (const ended of page.items) await this.endedSessions.delete(ended.id);
    return page.items.length;
  }

  getRefreshToken(hash: string): Promise<StoredDocument<RefreshTokenRecord> | null> {
    return this.refreshTokens.get(hash);
  }

  async insertRefreshToken(hash: string, record: RefreshTokenRecord): Promise<void> {
    await this.refreshTokens.insert(hash, record);
  }

  /** Throws VersionConflict when another refresh rotated the same token first. */
  async markRotated(
    hash: string,
    record: RefreshTokenRecord,
    expectedVersion: number,
    rotation: { at: string; successor: string },
  ): Promise<void> {
    await this.refreshTokens.replace(
      hash,
      { ...record, rotatedAt: rotation.at, successor: rotation.successor },
      expectedVersion,
    );
  }

  /** Drops a refresh token that was never handed out (its rotation lost a race). */
  async deleteRefreshToken(hash: string): Promise<void> {
    await this.refreshTokens.delete(hash);
  }

  private async deleteTokensOf(sessionId: string): Promise<void> {
    for (;;) {
      const page = await this.refreshTokens.find({ where: { sessionId }, first: 100 });
      for (const token of page.items) await this.refreshTokens.delete(token.id);
      if (!page.hasNextPage) return;
    }
  }
}
