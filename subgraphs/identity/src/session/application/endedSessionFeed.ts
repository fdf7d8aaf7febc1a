import type { EndedSessionsPage, EndedSessionsPosition } from '@cabinet/platform/auth';
import type { SessionRepository } from '../storage/sessionRepository.ts';

/**
 * How far back of its own clock a read tells the next one to start: an end recorded by another identity
 * instance (its clock a little behind, its write still committing) is then never stepped over.
 */
const COMMIT_MARGIN_MS = 5_000;
const PRUNE_BATCH = 500;

/** A `since` the feed was given that is not one of its own positions. */
export class BadFeedPosition extends Error {
  constructor(readonly since: string) {
    super(`not a position of the ended-sessions feed: ${since}`);
    this.name = 'BadFeedPosition';
  }
}

/**
 * The sessions that ended while their access tokens may still be alive, for the services that refuse
 * them: session ids only, oldest first, from a position (identity's clock) that only moves forwards.
 */
export class EndedSessionFeed {
  constructor(
    private readonly deps: {
      readonly sessions: SessionRepository;
      readonly now: () => Date;
      /** How long an end is published: past it, every access token of the session has expired. */
      readonly keepMs: number;
      readonly pageSize?: number;
    },
  ) {}

  async read({ since, page }: EndedSessionsPosition): Promise<EndedSessionsPage> {
    const now = this.deps.now().getTime();
    const oldest = now - this.deps.keepMs;
    const from = Math.max(oldest, since === undefined ? oldest : positionOf(since));
    const found = await this.deps.sessions.endedSince(
      new Date(from).toISOString(),
      this.deps.pageSize ?? 1_000,
      page,
    );
    return {
      sessionIds: found.items.map((ended) => ended.id),
      nextPage: found.hasNextPage ? found.endCursor : null,
      since: new Date(Math.max(from, now - COMMIT_MARGIN_MS)).toISOString(),
    };
  }

  /** Forgets the ends no token can outlive any more. */
  async prune(): Promise<void> {
    const cutoff = new Date(this.deps.now().getTime() - this.deps.keepMs).toISOString();
    while ((await this.deps.sessions.forgetEndedBefore(cutoff, PRUNE_BATCH)) === PRUNE_BATCH);
  }
}

function positionOf(since: string): number {
  const time = Date.parse(since);
  if (Number.isNaN(time) || new Date(time).toISOString() !== since) throw new BadFeedPosition(since);
  return time;
}
