import { randomUUID } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { EndedSessionsPage } from '@cabinet/platform/auth';
import { openDocumentStore, type DocumentStore } from '@cabinet/platform/documents';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { SessionRepository } from '../storage/sessionRepository.ts';
import { BadFeedPosition, EndedSessionFeed } from './endedSessionFeed.ts';

const KEEP_MS = 15 * 60_000;

let directory: string;
let documents: DocumentStore;
let sessions: SessionRepository;
let clock: Date;
let feed: EndedSessionFeed;
const advance = (ms: number) => (clock = new Date(clock.getTime() + ms));

beforeEach(async () => {
  directory = await mkdtemp(join(tmpdir(), 'identity-ended-sessions-'));
  documents = await openDocumentStore({
    database: 'identity',
    sqliteFile: join(directory, 'documents.sqlite'),
  });
  sessions = await SessionRepository.open(documents);
  clock = new Date('2026-04-20T09:00:00Z');
  feed = new EndedSessionFeed({ sessions, now: () => clock, keepMs: KEEP_MS });
});
afterEach(async () => {
  await documents.close();
  await rm(directory, { recursive: true, force: true });
});

async function endNow(): Promise<string> {
  const id = randomUUID();
  await sessions.recordEnded(id, clock.toISOString());
  return id;
}

/** Every id a follower starting at `since` reads, page after page. */
async function readAll(since?: string): Promise<{ ids: string[]; since: string }> {
  const ids: string[] = [];
  let answer: EndedSessionsPage;
  let page: string | undefined;
  do {
    answer = await feed.read({ since, page });
    ids.push(...answer.sessionIds);
    page = answer.nextPage ?? undefined;
  } while (page !== undefined);
  return { ids, since: answer.since };
}

describe("identity's feed of ended sessions", () => {
  it('gives a new follower every end no token can have outlived yet, and nothing older', async () => {
    const forgotten = await endNow();
    advance(KEEP_MS + 1);
    const recent = await endNow();
    expect((await readAll()).ids).toEqual([recent]);
    expect((await readAll()).ids).not.toContain(forgotten);
  });

  it('gives a follower the ends since its position, which never moves back', async () => {
    const first = await endNow();
    advance(60_000);
    const { since } = await readAll();
    const second = await endNow();
    const next = await readAll(since);
    expect(next.ids).toContain(second);
    expect(next.ids).not.toContain(first);
    expect(next.since >= since).toBe(true);
  });

  it('sends the ends of the last moments again, so a write still committing is never stepped over', async () => {
    const { since } = await readAll();
    const late = await endNow();
    expect((await readAll(since)).ids).toEqual([late]);
  });

  it('pages a burst of ends', async () => {
    const ids = new Set<string>();
    feed = new EndedSessionFeed({ sessions, now: () => clock, keepMs: KEEP_MS, pageSize: 3 });
    for (let index = 0; index < 7; index += 1) ids.add(await endNow());
    expect(new Set((await readAll()).ids)).toEqual(ids);
  });

  it('refuses a position it never gave', async () => {
    await expect(feed.read({ since: 'yesterday' })).rejects.toBeInstanceOf(BadFeedPosition);
  });

  it('keeps the first end of a session and forgets ends once their tokens have expired', async () => {
    const id = await endNow();
    await sessions.recordEnded(id, new Date(clock.getTime() + 1).toISOString());
    expect((await sessions.endedSince(new Date(0).toISOString(), 10)).items).toEqual([
      expect.objectContaining({ id, data: { endedAt: clock.toISOString() } }),
    ]);
    advance(KEEP_MS);
    const kept = await endNow();
    advance(1);
    await feed.prune();
    expect((await sessions.endedSince(new Date(0).toISOString(), 10)).items.map((ended) => ended.id)).toEqual(
      [kept],
    );
  });
});
