import { assertConsentAccepted, CommonErrors, isUuid, type Principal } from '@cabinet/kernel';
import type { EventStore, Position, RecordedEvent } from '@cabinet/platform/eventstore';
import { claimEventOf } from '../../claim/application/claimEventCodec.ts';
import { mayFollowStatus } from '../../claim/domain/claimAccess.ts';
import { ClaimErrors } from '../../claim/domain/claimErrors.ts';
import { evolve, initialState, type ClaimState } from '../../claim/domain/claimState.ts';
import { CLAIM_STREAM_CATEGORY, claimIdOfStream, claimStreamId } from '../../claim/domain/claimStreamId.ts';
import type { ClaimStatusHub } from './claimStatusHub.ts';
import { comparePositions, type ChangeQueue } from '@cabinet/platform/feeds';
import { ownershipOf, stateBefore, statusChangeOf, type ClaimStatusChangeRecord } from './statusChange.ts';

export type { ClaimStatusChangeRecord } from './statusChange.ts';

/** Which claims are a customer's, as the claims read model has them, and how far that model has got. */
export interface OwnClaimsIndex {
  /** Every claim event up to this position is in `cursorsOf`'s answers (undefined: maybe none yet). */
  appliedUpTo(): Promise<Position | undefined>;
  /** The customer's claims, each with the position of the last event the read model applied to it. */
  cursorsOf(customerId: string): Promise<readonly { readonly claimId: string; readonly cursor: Position }[]>;
}

export interface StatusFeedSources {
  readonly hub: ClaimStatusHub;
  readonly events: EventStore;
  readonly ownClaims: OwnClaimsIndex;
  /** The most claim events one resumption reads from the shared log (staff, partners, a read model behind). */
  readonly maxResumeEvents: number;
}

export interface FollowOptions {
  readonly principal: Principal;
  readonly claimId?: string | undefined;
  /** Resume after this cursor; without it only changes from now on arrive. */
  readonly after?: Position | undefined;
  /** Ends the feed: its queue is let go at once, even before the first change is read. */
  readonly signal: AbortSignal;
}

type PastChanges = Iterable<ClaimStatusChangeRecord> | AsyncIterable<ClaimStatusChangeRecord>;

/**
 * Status changes after `after` (or from now), then live ones, in log order with no gap and no
 * duplicate. Opening attaches the subscriber to the process's shared feed, which from then on queues
 * every change after the feed's position `from`, and gathers what the subscriber missed between
 * `after` and `from`: one claim's stream when following one claim, the customer's own claims' streams
 * when a customer follows their list, and for staff and partners the shared log, at most
 * `maxResumeEvents` of it. Every refusal is thrown here, before the feed starts, so it reaches the
 * client with its code.
 */
export async function openClaimStatusFeed(
  sources: StatusFeedSources,
  options: FollowOptions,
): Promise<AsyncGenerator<ClaimStatusChangeRecord>> {
  const { principal, claimId, after, signal } = options;
  if (principal.kind === 'anonymous') throw CommonErrors.unauthenticated();
  assertConsentAccepted(principal);
  if (after !== undefined) comparePositions(after, after);
  if (claimId !== undefined) await followableHistory(sources.events, principal, claimId);
  const { from, changes } = sources.hub.attach(principal, claimId, signal);
  try {
    const missed =
      after !== undefined && from !== undefined && comparePositions(after, from) < 0
        ? await pastChanges(sources, principal, claimId, after, from)
        : undefined;
    return replayThenLive(missed, after, from, changes);
  } catch (error) {
    changes.close();
    throw error;
  }
}

async function* replayThenLive(
  missed: PastChanges | undefined,
  after: Position | undefined,
  from: Position | undefined,
  changes: ChangeQueue<ClaimStatusChangeRecord>,
): AsyncGenerator<ClaimStatusChangeRecord> {
  try {
    let seen = after;
    if (missed !== undefined) {
      for await (const change of missed) yield change;
      seen = from;
    }
    for await (const change of changes) {
      if (seen !== undefined && comparePositions(change.cursor, seen) <= 0) continue;
      yield change;
    }
  } finally {
    changes.close();
  }
}

async function pastChanges(
  sources: StatusFeedSources,
  principal: Principal,
  claimId: string | undefined,
  after: Position,
  upTo: Position,
): Promise<PastChanges> {
  if (claimId !== undefined) {
    // Read again once attached: a change made since the check above is then either here or queued.
    return changesWithin(await followableHistory(sources.events, principal, claimId), after, upTo);
  }
  if (principal.kind === 'customer') return ownClaimsChanges(sources, principal.customerId, after, upTo);
  return sharedLogChanges(sources, principal, after, upTo);
}

/** One claim's stream; refusing here also hides claims the caller may not follow. */
async function followableHistory(
  events: EventStore,
  principal: Principal,
  claimId: string,
): Promise<RecordedEvent[]> {
  const history = isUuid(claimId) ? await events.read(claimStreamId(claimId)) : [];
  const claim = history.map(claimEventOf).reduce(evolve, initialState);
  if (
    claim.kind === 'none' ||
    !mayFollowStatus(principal, ownershipOf({ ...claim, soldByPartnerId: claim.policy.soldByPartnerId }))
  ) {
    throw ClaimErrors.notFound(claimId);
  }
  return history;
}

/** The status changes in one claim's history that lie after `after`, up to `upTo`. */
function changesWithin(
  history: readonly RecordedEvent[],
  after: Position,
  upTo: Position,
): ClaimStatusChangeRecord[] {
  const changes: ClaimStatusChangeRecord[] = [];
  let state: ClaimState = initialState;
  for (const event of history) {
    const next = evolve(state, claimEventOf(event));
    const change = next.kind === 'claim' ? statusChangeOf(state, next, event) : null;
    state = next;
    if (comparePositions(event.position, upTo) > 0) break;
    if (change && comparePositions(event.position, after) > 0) changes.push(change);
  }
  return changes;
}

/**
 * A customer's missed changes from their own claims' streams only: the read model lists their claims
 * and the last change it applied to each, so only claims changed after `after` are read. What the read
 * model has not applied yet (after its checkpoint) is read from the log: claims the customer submitted
 * there, and later changes to claims already known.
 */
async function ownClaimsChanges(
  sources: StatusFeedSources,
  customerId: string,
  after: Position,
  upTo: Position,
): Promise<ClaimStatusChangeRecord[]> {
  const appliedUpTo = await sources.ownClaims.appliedUpTo();
  const listed = await sources.ownClaims.cursorsOf(customerId);
  const own = new Set(listed.map((claim) => claim.claimId));
  const changed = new Set(
    listed.filter((claim) => comparePositions(claim.cursor, after) > 0).map((claim) => claim.claimId),
  );
  for (const event of await claimEventsWithin(sources, appliedUpTo, upTo)) {
    const claimId = claimIdOfStream(event.stream);
    if (claimId === null) continue;
    if (event.revision === 0n) {
      const submitted = evolve(initialState, claimEventOf(event));
      if (submitted.kind === 'claim' && submitted.customerId === customerId) own.add(claimId);
    }
    if (own.has(claimId) && comparePositions(event.position, after) > 0) changed.add(claimId);
  }
  const changes: ClaimStatusChangeRecord[] = [];
  for (const claimId of changed) {
    changes.push(...changesWithin(await sources.events.read(claimStreamId(claimId)), after, upTo));
  }
  return changes.sort((a, b) => comparePositions(a.cursor, b.cursor));
}

/**
 * Staff and partners follow claims no index lists: their missed changes are read from the shared log,
 * whose window is read (and refused when too long) before the feed starts.
 */
async function sharedLogChanges(
  sources: StatusFeedSources,
  principal: Principal,
  after: Position,
  upTo: Position,
): Promise<PastChanges> {
  const window = await claimEventsWithin(sources, after, upTo);
  return (async function* () {
    const states = new Map<string, ClaimState>();
    for (const event of window) {
      const claimId = claimIdOfStream(event.stream);
      if (claimId === null) continue;
      const before = states.get(claimId) ?? (await stateBefore(sources.events, event));
      const next = evolve(before, claimEventOf(event));
      states.set(claimId, next);
      if (next.kind !== 'claim') continue;
      const change = statusChangeOf(before, next, event);
      if (change && mayFollowStatus(principal, ownershipOf(change))) yield change;
    }
  })();
}

/** The claim events after `after` (from the start when undefined) up to `upTo`, refused beyond the bound. */
async function claimEventsWithin(
  sources: StatusFeedSources,
  after: Position | undefined,
  upTo: Position,
): Promise<RecordedEvent[]> {
  if (after !== undefined && comparePositions(after, upTo) >= 0) return [];
  const read = await sources.events.readAll({
    ...(after === undefined ? {} : { after }),
    categories: [CLAIM_STREAM_CATEGORY],
    maxCount: sources.maxResumeEvents + 1,
  });
  const window = read.filter((event) => comparePositions(event.position, upTo) <= 0);
  if (window.length > sources.maxResumeEvents) throw ClaimErrors.resumeTooFar(sources.maxResumeEvents);
  return window;
}
