import { ANONYMOUS, DomainError, type Principal } from '@cabinet/kernel';
import type { Logger } from '../logging/logger.ts';
import { bearerToken, type AccessTokenVerifier, type VerifiedToken } from './accessTokens.ts';

/** Where a read of identity's feed of ended sessions starts: a position it gave, and a page within it. */
export interface EndedSessionsPosition {
  readonly since?: string;
  readonly page?: string;
}

/** One page of the feed: the ids of sessions that ended, and where to go on. */
export interface EndedSessionsPage {
  readonly sessionIds: readonly string[];
  /** The next page of this read, or null when this was the last one. */
  readonly nextPage: string | null;
  /** Where the next read starts; identity moves it only forwards. */
  readonly since: string;
}

export type EndedSessionsSource = (position: EndedSessionsPosition) => Promise<EndedSessionsPage>;

/** The sessions that ended while their access tokens may still be alive, as a process knows them. */
export interface EndedSessions {
  has(sessionId: string): boolean;
  /** Calls `onEnded` once when the session is known to have ended (at once if it is); returns the unwatch. */
  watch(sessionId: string, onEnded: () => void): () => void;
  /** Reads the feed to its end now; a failed read is logged and kept what was known. */
  sync(): Promise<void>;
  stop(): void;
}

export interface EndedSessionsOptions {
  readonly source: EndedSessionsSource;
  /** Pause between the end of one read and the start of the next. */
  readonly intervalMs: number;
  /** How long an id is kept after it was learned: by then every access token of its session has expired. */
  readonly keepMs: number;
  readonly now: () => number;
  readonly log: Pick<Logger, 'warn' | 'info'>;
  /** Runs `task` after `ms`, returning what cancels it; tests drive it by hand. */
  readonly schedule?: (task: () => void, ms: number) => () => void;
}

const unrefTimeout = (task: () => void, ms: number): (() => void) => {
  const timer = setTimeout(task, ms);
  timer.unref();
  return () => clearTimeout(timer);
};

/**
 * Follows identity's feed of ended sessions: reads it at once and then `intervalMs` after each read.
 * While identity cannot be reached, the ids already learned keep refusing their tokens and reads go on;
 * the first failure and the recovery are logged, not every retry.
 */
export function followEndedSessions(options: EndedSessionsOptions): EndedSessions {
  const { source, log, now } = options;
  const schedule = options.schedule ?? unrefTimeout;
  const learnedAt = new Map<string, number>();
  const watchers = new Map<string, Set<() => void>>();
  let since: string | undefined;
  let failing = false;
  let stopped = false;
  let cancelNext: (() => void) | undefined;
  let reading: Promise<void> | undefined;

  const learn = (sessionId: string) => {
    if (learnedAt.has(sessionId)) return;
    learnedAt.set(sessionId, now());
    const waiting = watchers.get(sessionId);
    watchers.delete(sessionId);
    for (const onEnded of waiting ?? []) onEnded();
  };

  const forgetExpired = () => {
    const cutoff = now() - options.keepMs;
    for (const [sessionId, at] of learnedAt) if (at <= cutoff) learnedAt.delete(sessionId);
  };

  const readToEnd = async () => {
    let page: string | undefined;
    let next: string | undefined;
    do {
      const answer = await source({ since, page });
      answer.sessionIds.forEach(learn);
      page = answer.nextPage ?? undefined;
      next = answer.since;
    } while (page !== undefined);
    since = next;
  };

  const read = async () => {
    try {
      await readToEnd();
      if (failing) log.info('the feed of ended sessions is read again');
      failing = false;
    } catch (error) {
      if (!failing) {
        log.warn(
          { err: error, known: learnedAt.size },
          'the feed of ended sessions cannot be read: the sessions known to have ended stay refused, retrying',
        );
      }
      failing = true;
    }
    forgetExpired();
  };

  const sync = (): Promise<void> => {
    reading ??= read().finally(() => {
      reading = undefined;
    });
    return reading;
  };

  const loop = () => {
    void sync().then(() => {
      if (!stopped) cancelNext = schedule(loop, options.intervalMs);
    });
  };
  loop();

  return {
    has: (sessionId) => learnedAt.has(sessionId),
    watch(sessionId, onEnded) {
      if (learnedAt.has(sessionId)) {
        queueMicrotask(onEnded);
        return () => {};
      }
      const waiting = watchers.get(sessionId) ?? new Set();
      waiting.add(onEnded);
      watchers.set(sessionId, waiting);
      return () => {
        waiting.delete(onEnded);
        if (waiting.size === 0 && watchers.get(sessionId) === waiting) watchers.delete(sessionId);
      };
    },
    sync,
    stop() {
      stopped = true;
      cancelNext?.();
    },
  };
}

/** The session a principal's token belongs to; partners' tokens belong to none. */
export function sessionIdOf(principal: Principal): string | undefined {
  return principal.kind === 'customer' || principal.kind === 'staff' ? principal.sessionId : undefined;
}

export const sessionEnded = () =>
  new DomainError('UNAUTHENTICATED', 'Сеанс завершён. Войдите в личный кабинет снова.');

/** A verifier that also refuses the tokens of sessions known to have ended (signed out, revoked, stolen). */
export function refusingEndedSessions(
  verifier: AccessTokenVerifier,
  ended: Pick<EndedSessions, 'has'>,
): AccessTokenVerifier {
  const verify = async (token: string): Promise<VerifiedToken> => {
    const verified = await verifier.verify(token);
    const sessionId = sessionIdOf(verified.principal);
    if (sessionId !== undefined && ended.has(sessionId)) throw sessionEnded();
    return verified;
  };
  return {
    verify,
    async principalFromAuthorization(header) {
      const token = bearerToken(header);
      return token === undefined ? ANONYMOUS : (await verify(token)).principal;
    },
  };
}
