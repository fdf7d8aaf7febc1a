import { randomUUID } from 'node:crypto';
import { describe, expect, it, vi } from 'vitest';
import type { AccessTokenVerifier, VerifiedToken } from './accessTokens.ts';
import {
  followEndedSessions,
  refusingEndedSessions,
  type EndedSessionsPage,
  type EndedSessionsPosition,
} from './endedSessions.ts';

const KEEP_MS = 60_000;
const INTERVAL_MS = 500;

/** Identity's feed as a test writes it: a queue of answers (or failures), and the positions it was asked for. */
function scriptedFeed() {
  const answers: (EndedSessionsPage | Error)[] = [];
  const asked: EndedSessionsPosition[] = [];
  return {
    asked,
    answer: (...pages: (EndedSessionsPage | Error)[]) => answers.push(...pages),
    source: (position: EndedSessionsPosition) => {
      asked.push(position);
      const next = answers.shift() ?? { sessionIds: [], nextPage: null, since: position.since ?? 't0' };
      return next instanceof Error ? Promise.reject(next) : Promise.resolve(next);
    },
  };
}

/** A scheduler the test runs by hand: what the follower asked to run next, and after how long. */
function manualSchedule() {
  const pending: { task: () => void; ms: number }[] = [];
  return {
    pending,
    schedule: (task: () => void, ms: number) => {
      const entry = { task, ms };
      pending.push(entry);
      return () => pending.splice(pending.indexOf(entry), 1);
    },
    runNext: () => pending.shift()?.task(),
  };
}

function follower(feed: ReturnType<typeof scriptedFeed>, clock = { now: 0 }) {
  const timers = manualSchedule();
  const log = { warn: vi.fn(), info: vi.fn() };
  const ended = followEndedSessions({
    source: feed.source,
    intervalMs: INTERVAL_MS,
    keepMs: KEEP_MS,
    now: () => clock.now,
    log,
    schedule: timers.schedule,
  });
  return { ended, timers, log, clock };
}

const page = (sessionIds: string[], since: string, nextPage: string | null = null): EndedSessionsPage => ({
  sessionIds,
  since,
  nextPage,
});

describe('following the ended sessions', () => {
  it('reads at once, then from the position each read ended at, one interval after it', async () => {
    const feed = scriptedFeed();
    const [first, second] = [randomUUID(), randomUUID()];
    feed.answer(page([first], 't1'), page([second], 't2'));
    const { ended, timers } = follower(feed);

    await ended.sync();
    expect(ended.has(first)).toBe(true);
    expect(ended.has(second)).toBe(false);
    expect(timers.pending.map((next) => next.ms)).toEqual([INTERVAL_MS]);

    timers.runNext();
    await ended.sync();
    expect(ended.has(second)).toBe(true);
    expect(feed.asked.slice(0, 2)).toEqual([
      { since: undefined, page: undefined },
      { since: 't1', page: undefined },
    ]);
  });

  it('reads every page of a read from the same position before moving on', async () => {
    const feed = scriptedFeed();
    const ids = [randomUUID(), randomUUID(), randomUUID()];
    feed.answer(page([ids[0]!], 't0', 'p1'), page([ids[1]!], 't1', 'p2'), page([ids[2]!], 't2'));
    const { ended } = follower(feed);

    await ended.sync();
    expect(ids.every((id) => ended.has(id))).toBe(true);
    expect(feed.asked).toEqual([
      { since: undefined, page: undefined },
      { since: undefined, page: 'p1' },
      { since: undefined, page: 'p2' },
    ]);
    await ended.sync();
    expect(feed.asked.at(-1)).toEqual({ since: 't2', page: undefined });
  });

  it('keeps what it knew while identity cannot be reached, logs the outage once and the recovery', async () => {
    const feed = scriptedFeed();
    const [known, later] = [randomUUID(), randomUUID()];
    feed.answer(page([known], 't1'), new Error('connect ECONNREFUSED'), new Error('connect ECONNREFUSED'));
    const { ended, timers, log } = follower(feed);
    await ended.sync();

    timers.runNext();
    await ended.sync();
    timers.runNext();
    await ended.sync();
    expect(ended.has(known)).toBe(true);
    expect(log.warn).toHaveBeenCalledTimes(1);
    expect(timers.pending).toHaveLength(1);

    feed.answer(page([later], 't2'));
    timers.runNext();
    await ended.sync();
    expect(ended.has(later)).toBe(true);
    expect(log.info).toHaveBeenCalledTimes(1);
    expect(feed.asked.at(-2)).toEqual({ since: 't1', page: undefined });
  });

  it('forgets an id once every token of its session has expired', async () => {
    const feed = scriptedFeed();
    const id = randomUUID();
    feed.answer(page([id], 't1'));
    const { ended, clock } = follower(feed);
    await ended.sync();

    clock.now = KEEP_MS - 1;
    await ended.sync();
    expect(ended.has(id)).toBe(true);
    clock.now = KEEP_MS;
    await ended.sync();
    expect(ended.has(id)).toBe(false);
  });

  it('tells a watcher once when its session ends, and at once when it already has', async () => {
    const feed = scriptedFeed();
    const [watched, other] = [randomUUID(), randomUUID()];
    const { ended } = follower(feed);
    await ended.sync();
    const onEnded = vi.fn();
    const onOther = vi.fn();
    ended.watch(watched, onEnded);
    const unwatch = ended.watch(other, onOther);
    unwatch();

    feed.answer(page([watched, other], 't1'), page([watched], 't2'));
    await ended.sync();
    await ended.sync();
    expect(onEnded).toHaveBeenCalledTimes(1);
    expect(onOther).not.toHaveBeenCalled();

    const late = vi.fn();
    ended.watch(watched, late);
    await Promise.resolve();
    expect(late).toHaveBeenCalledTimes(1);
  });

  it('schedules nothing more once stopped', async () => {
    const feed = scriptedFeed();
    const { ended, timers } = follower(feed);
    await ended.sync();
    ended.stop();
    expect(timers.pending).toHaveLength(0);
  });
});

describe('refusing the tokens of ended sessions', () => {
  const sessionId = randomUUID();
  const verified: VerifiedToken = {
    principal: { kind: 'customer', customerId: randomUUID(), sessionId, trusted: true, consentVersion: '1' },
    expiresAt: new Date(60_000),
  };
  const partner: VerifiedToken = {
    principal: { kind: 'partner', partnerId: randomUUID(), clientId: 'app', scopes: ['claims:status'] },
    expiresAt: new Date(60_000),
  };
  const verifierOf = (answer: VerifiedToken): AccessTokenVerifier => ({
    verify: () => Promise.resolve(answer),
    principalFromAuthorization: () => Promise.resolve(answer.principal),
  });

  it('refuses a good token whose session ended, as UNAUTHENTICATED in Russian', async () => {
    const verifier = refusingEndedSessions(verifierOf(verified), { has: (id) => id === sessionId });
    await expect(verifier.verify('token')).rejects.toMatchObject({
      code: 'UNAUTHENTICATED',
      message: 'Сеанс завершён. Войдите в личный кабинет снова.',
    });
    await expect(verifier.principalFromAuthorization('Bearer token')).rejects.toMatchObject({
      code: 'UNAUTHENTICATED',
    });
  });

  it('passes the tokens of live sessions and of partners, who have none', async () => {
    expect(
      (await refusingEndedSessions(verifierOf(verified), { has: () => false }).verify('t')).principal,
    ).toBe(verified.principal);
    expect(
      (await refusingEndedSessions(verifierOf(partner), { has: () => true }).verify('t')).principal,
    ).toBe(partner.principal);
    expect(
      await refusingEndedSessions(verifierOf(verified), { has: () => true }).principalFromAuthorization(
        undefined,
      ),
    ).toEqual({
      kind: 'anonymous',
    });
  });
});
