import type { Collection, DocumentStore, StoredDocument } from '@cabinet/platform/documents';
import type { RefreshTokenRecord, SessionRecord } from '../domain/session.ts';

const SESSIONS = { name: 'sessions', indexes: [{ fields: ['subjectId'] }] } as const;
const REFRESH_TOKENS = { name: 'refresh_tokens', indexes: [{ fields: ['sessionId'] }] } as const;

/** The most sessions one person is shown or ended at once; more would mean something is wrong. */
const SESSIONS_PER_SUBJECT = 100;

export class SessionRepository {
  private constructor(
    private readonly sessions: Collection<SessionRecord>,
    private readonly refreshTokens: Collection<RefreshTokenRecord>,
  ) {}

  static async open(store: DocumentStore): Promise<SessionRepository> {
    return new SessionRepository(
      await store.collection<SessionRecord>(SESSIONS),
      await store.collection<RefreshTokenRecord>(REFRESH_TOKENS),
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
