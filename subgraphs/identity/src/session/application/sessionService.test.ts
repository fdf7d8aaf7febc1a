import { randomBytes, randomUUID } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createAccessTokenSigner, loadOrCreateKeyRing } from '@cabinet/platform/auth';
import { openDocumentStore, type DocumentStore } from '@cabinet/platform/documents';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { SessionRepository } from '../storage/sessionRepository.ts';
import { hashRefreshToken } from './refreshToken.ts';
import { SessionService } from './sessionService.ts';

const GRACE_MS = 10_000;
const CLIENT = { ip: '203.0.113.7', userAgent: 'CabinetMobile/2.3' };
const STAFF = {
  kind: 'staff',
  staffId: '0b7a4c52-1d3e-4f60-8a9b-7c2d1e0f3a41',
  roles: ['adjuster'],
} as const;

let directory: string;
let documents: DocumentStore;
let store: SessionRepository;
let clock: Date;
const advance = (ms: number) => (clock = new Date(clock.getTime() + ms));

async function sessionsWithGrace(reuseGraceMs: number): Promise<SessionService> {
  return new SessionService({
    sessions: store,
    signer: createAccessTokenSigner(await loadOrCreateKeyRing(join(directory, 'keys.json'), clock), {
      issuer: 'cabinet-identity',
      audience: 'cabinet',
    }),
    consentVersionOf: () => Promise.resolve(null),
    now: () => clock,
    newId: randomUUID,
    randomBytes: (size) => new Uint8Array(randomBytes(size)),
    reuseGraceMs,
  });
}

beforeEach(async () => {
  directory = await mkdtemp(join(tmpdir(), 'identity-sessions-'));
  documents = await openDocumentStore({
    database: 'identity',
    sqliteFile: join(directory, 'documents.sqlite'),
  });
  store = await SessionRepository.open(documents);
  clock = new Date('2026-04-20T09:00:00Z');
});
afterEach(async () => {
  await documents.close();
  await rm(directory, { recursive: true, force: true });
});

const pairOf = (issued: { accessToken: string; refreshToken: string }) => ({
  accessToken: issued.accessToken,
  refreshToken: issued.refreshToken,
});

describe('refresh token rotation with a reuse grace', () => {
  it('answers a retry within the grace with the same pair, and ends the session on reuse after it', async () => {
    const sessions = await sessionsWithGrace(GRACE_MS);
    const opened = await sessions.open(STAFF, 'PASSWORD', CLIENT);
    advance(60_000);
    const rotated = await sessions.refresh(opened.refreshToken);
    expect(rotated.refreshToken).not.toBe(opened.refreshToken);

    advance(GRACE_MS - 1);
    expect(pairOf(await sessions.refresh(opened.refreshToken))).toEqual(pairOf(rotated));

    advance(1);
    await expect(sessions.refresh(opened.refreshToken)).rejects.toMatchObject({
      code: 'REFRESH_TOKEN_REUSED',
    });
    await expect(sessions.refresh(rotated.refreshToken)).rejects.toMatchObject({ code: 'SESSION_EXPIRED' });
    expect((await sessions.find(opened.session.id))?.endReason).toBe('REFRESH_TOKEN_REUSED');
  });

  it('treats the old token as a copy once the pair it bought has been used, even within the grace', async () => {
    const sessions = await sessionsWithGrace(GRACE_MS);
    const opened = await sessions.open(STAFF, 'PASSWORD', CLIENT);
    const rotated = await sessions.refresh(opened.refreshToken);
    advance(1_000);
    await sessions.refresh(rotated.refreshToken);
    advance(1_000);
    await expect(sessions.refresh(opened.refreshToken)).rejects.toMatchObject({
      code: 'REFRESH_TOKEN_REUSED',
    });
    expect((await sessions.find(opened.session.id))?.endReason).toBe('REFRESH_TOKEN_REUSED');
  });

  it('gives two refreshes racing with one token the same pair, and keeps the session', async () => {
    const sessions = await sessionsWithGrace(GRACE_MS);
    const opened = await sessions.open(STAFF, 'PASSWORD', CLIENT);
    const [one, two] = await Promise.all([
      sessions.refresh(opened.refreshToken),
      sessions.refresh(opened.refreshToken),
    ]);
    expect(pairOf(one)).toEqual(pairOf(two));
    expect(await sessions.refresh(one.refreshToken)).toMatchObject({ session: { endedAt: null } });
  });

  it('keeps the new refresh token only sealed: the store holds neither it nor the access token', async () => {
    const sessions = await sessionsWithGrace(GRACE_MS);
    const opened = await sessions.open(STAFF, 'PASSWORD', CLIENT);
    const rotated = await sessions.refresh(opened.refreshToken);
    const record = JSON.stringify((await store.getRefreshToken(hashRefreshToken(opened.refreshToken)))?.data);
    expect(record).toContain('"successor":"v1.');
    expect(record).not.toContain(rotated.refreshToken);
    expect(record).not.toContain(rotated.accessToken.split('.')[1]);
  });

  it('without a grace, detects reuse at once', async () => {
    const sessions = await sessionsWithGrace(0);
    const opened = await sessions.open(STAFF, 'PASSWORD', CLIENT);
    await sessions.refresh(opened.refreshToken);
    await expect(sessions.refresh(opened.refreshToken)).rejects.toMatchObject({
      code: 'REFRESH_TOKEN_REUSED',
    });
  });
});

describe('publishing the end of a session', () => {
  const endedIds = async () =>
    (await store.endedSince(new Date(0).toISOString(), 10)).items.map((ended) => ({
      id: ended.id,
      endedAt: ended.data.endedAt,
    }));

  it('records every ending once, with the time it ended, so the services refuse its tokens', async () => {
    const sessions = await sessionsWithGrace(0);
    const signedOut = await sessions.open(STAFF, 'PASSWORD', CLIENT);
    const reused = await sessions.open(STAFF, 'PASSWORD', CLIENT);
    await sessions.open(STAFF, 'PASSWORD', CLIENT);
    const endedAt = clock.toISOString();

    await sessions.end(signedOut.session.id, 'SIGNED_OUT');
    advance(1_000);
    await sessions.end(signedOut.session.id, 'REVOKED');
    await sessions.refresh(reused.refreshToken);
    await expect(sessions.refresh(reused.refreshToken)).rejects.toMatchObject({
      code: 'REFRESH_TOKEN_REUSED',
    });

    expect(await endedIds()).toEqual([
      { id: signedOut.session.id, endedAt },
      { id: reused.session.id, endedAt: clock.toISOString() },
    ]);
  });
});
