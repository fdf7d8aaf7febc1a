import { assertConsentAccepted, CommonErrors, isUuid, type Principal } from '@cabinet/kernel';
import type { EventStore, Position } from '@cabinet/platform/eventstore';
import { claimEventOf } from '../../claim/application/claimEventCodec.ts';
import { mayFollowStatus } from '../../claim/domain/claimAccess.ts';
import { ClaimErrors } from '../../claim/domain/claimErrors.ts';
import { evolve, initialState, type ClaimState } from '../../claim/domain/claimState.ts';
import { CLAIM_STREAM_CATEGORY, claimIdOfStream, claimStreamId } from '../../claim/domain/claimStreamId.ts';
import type { ClaimStatusHub } from './claimStatusHub.ts';
import { comparePositions } from '@cabinet/platform/feeds';
import { ownershipOf, stateBefore, statusChangeOf, type ClaimStatusChangeRecord } from './statusChange.ts';

export type { ClaimStatusChangeRecord } from './statusChange.ts';

export interface FollowOptions {
  readonly principal: Principal;
  readonly claimId?: string | undefined;
  /** Resume after this cursor; without it only changes from now on arrive. */
  readonly after?: Position | undefined;
  readonly signal: AbortSignal;
}

const CATCH_UP_PAGE = 500;

/**
 * The refusals `followClaimStatus` would give on its first step, checked before a subscription starts:
 * thrown from a running stream they would reach the client only as an unexpected error, not as their code.
 */
export async function assertMayFollowClaimStatus(
  events: EventStore,
  principal: Principal,
  options: { readonly claimId?: string | undefined; readonly after?: Position | undefined },
): Promise<void> {
  if (principal.kind === 'anonymous') throw CommonErrors.unauthenticated();
  assertConsentAccepted(principal);
  if (options.after !== undefined) comparePositions(options.after, options.after);
  if (options.claimId !== undefined) await pastChangesOfClaim(events, principal, options.claimId);
}

/**
 * Status changes after `after` (or from now), then live ones, in log order with no gap and no
 * duplicate. The subscriber first attaches to the process's shared feed, which from then on queues
 * every change after the feed's position `from`; the changes between `after` and `from` are read from
 * the log (the claim's own stream when following one claim); then the queue takes over, skipping
 * whatever the subscriber has already seen.
 */
export async function* followClaimStatus(
  hub: ClaimStatusHub,
  events: EventStore,
  options: FollowOptions,
): AsyncGenerator<ClaimStatusChangeRecord> {
  const { principal, claimId, after, signal } = options;
  if (principal.kind === 'anonymous') throw CommonErrors.unauthenticated();
  assertConsentAccepted(principal);
  if (after !== undefined) comparePositions(after, after);
  const { from, changes } = hub.attach(principal, claimId, signal);
  try {
    const past =
      claimId === undefined
        ? pastChanges(events, principal, signal)
        : await pastChangesOfClaim(events, principal, claimId);
    let seen = after;
    if (after !== undefined && from !== undefined && comparePositions(after, from) < 0) {
      for await (const change of past(after, from)) yield change;
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

type PastChanges = (
  after: Position,
  upTo: Position,
) => Iterable<ClaimStatusChangeRecord> | AsyncIterable<ClaimStatusChangeRecord>;

/** One claim's changes come from its own stream; refusing here also hides claims the caller may not follow. */
async function pastChangesOfClaim(
  events: EventStore,
  principal: Principal,
  claimId: string,
): Promise<PastChanges> {
  const history = isUuid(claimId) ? await events.read(claimStreamId(claimId)) : [];
  const claim = history.map(claimEventOf).reduce(evolve, initialState);
  if (
    claim.kind === 'none' ||
    !mayFollowStatus(principal, ownershipOf({ ...claim, soldByPartnerId: claim.policy.soldByPartnerId }))
  ) {
    throw ClaimErrors.notFound(claimId);
  }
  return function* (after, upTo) {
    let state: ClaimState = initialState;
    for (const event of history) {
      const next = evolve(state, claimEventOf(event));
      const change = next.kind === 'claim' ? statusChangeOf(state, next, event) : null;
      state = next;
      if (comparePositions(event.position, after) <= 0) continue;
      if (comparePositions(event.position, upTo) > 0) return;
      if (change) yield change;
    }
  };
}

/** Every claim's changes, paged from the whole claim log and filtered by what the caller may follow. */
function pastChanges(events: EventStore, principal: Principal, signal: AbortSignal): PastChanges {
  return async function* (after, upTo) {
    const states = new Map<string, ClaimState>();
    let position = after;
    while (!signal.aborted) {
      const page = await events.readAll({
        after: position,
        categories: [CLAIM_STREAM_CATEGORY],
        maxCount: CATCH_UP_PAGE,
      });
      for (const event of page) {
        if (comparePositions(event.position, upTo) > 0) return;
        position = event.position;
        const claimId = claimIdOfStream(event.stream);
        if (claimId === null) continue;
        const before = states.get(claimId) ?? (await stateBefore(events, event));
        const next = evolve(before, claimEventOf(event));
        states.set(claimId, next);
        if (next.kind !== 'claim') continue;
        const change = statusChangeOf(before, next, event);
        if (change && mayFollowStatus(principal, ownershipOf(change))) yield change;
      }
      if (page.length < CATCH_UP_PAGE) return;
    }
  };
}
