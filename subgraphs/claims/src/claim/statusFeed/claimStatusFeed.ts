import { CommonErrors, type EventStore, type Position, type Principal, type RecordedEvent } from '@cabinet/platform';
import { claimEventOf } from '../application/claimEventCodec.ts';
import { mayFollowStatus } from '../claimAccess.ts';
import { ClaimErrors } from '../domain/claimErrors.ts';
import { claimStatusOf, evolve, initialState, type Claim, type ClaimState } from '../domain/claimState.ts';
import type { ClaimResolution, ClaimStatus } from '../domain/claimStatus.ts';
import { CLAIM_STREAM_CATEGORY, claimIdOfStream, claimStreamId } from '../domain/claimStreamId.ts';

/** One change of a claim's status, as subscribers receive it. No personal data. */
export interface ClaimStatusChangeRecord {
  /** The change's position in the log: pass it back as `after` to resume right after it. */
  readonly cursor: Position;
  readonly claimId: string;
  readonly claimNumber: string;
  readonly policyId: string;
  readonly policyNumber: string;
  readonly status: ClaimStatus;
  readonly previousStatus: ClaimStatus | null;
  readonly resolution: ClaimResolution | null;
  readonly changedAt: string;
}

export interface FollowOptions {
  readonly principal: Principal;
  readonly claimId?: string | undefined;
  /** Resume after this cursor; without it only changes from now on arrive. */
  readonly after?: Position | undefined;
  readonly signal: AbortSignal;
}

async function stateBefore(events: EventStore, event: RecordedEvent): Promise<ClaimState> {
  if (event.revision === 0n) return initialState;
  const history = await events.read(event.stream, { maxCount: Number(event.revision) });
  return history.map(claimEventOf).reduce(evolve, initialState);
}

function statusChange(before: ClaimState, after: Claim, event: RecordedEvent): ClaimStatusChangeRecord | null {
  const previousStatus = before.kind === 'claim' ? claimStatusOf(before) : null;
  const status = claimStatusOf(after);
  if (previousStatus === status && before.kind === 'claim' && before.resolution === after.resolution) return null;
  return {
    cursor: event.position,
    claimId: after.claimId,
    claimNumber: after.claimNumber,
    policyId: after.policy.policyId,
    policyNumber: after.policy.policyNumber,
    status,
    previousStatus,
    resolution: after.resolution,
    changedAt: claimEventOf(event).data.occurredAt,
  };
}

/**
 * Status changes after `after` (or from now), then live ones, in log order with no gap: the event
 * store subscription delivers every claim event once and in order, and each is folded into its
 * claim's state to see whether the status moved. Only claims the principal may follow are delivered.
 */
export async function* followClaimStatus(events: EventStore, options: FollowOptions): AsyncGenerator<ClaimStatusChangeRecord> {
  const { principal, claimId, signal } = options;
  if (principal.kind === 'anonymous') throw CommonErrors.unauthenticated();
  let start = options.after;
  let liveOnly = start === undefined;
  if (claimId !== undefined) {
    const history = await events.read(claimStreamId(claimId));
    const claim = history.map(claimEventOf).reduce(evolve, initialState);
    if (claim.kind === 'none' || !mayFollowStatus(principal, ownership(claim))) throw ClaimErrors.notFound(claimId);
    // "From now" for one claim is right after its latest event: no need to skip the rest of the log.
    if (start === undefined) {
      start = history.at(-1)?.position;
      liveOnly = false;
    }
  }

  const states = new Map<string, ClaimState>();
  for await (const message of events.subscribe({
    ...(start === undefined ? {} : { after: start }),
    categories: [CLAIM_STREAM_CATEGORY],
    signal,
  })) {
    if (message.kind === 'caughtUp') {
      liveOnly = false;
      continue;
    }
    if (liveOnly) continue;
    const event = message.event;
    const eventClaimId = claimIdOfStream(event.stream);
    if (eventClaimId === null || (claimId !== undefined && eventClaimId !== claimId)) continue;
    const before = states.get(eventClaimId) ?? (await stateBefore(events, event));
    const after = evolve(before, claimEventOf(event));
    states.set(eventClaimId, after);
    if (after.kind !== 'claim' || !mayFollowStatus(principal, ownership(after))) continue;
    const change = statusChange(before, after, event);
    if (change) yield change;
  }
}

function ownership(claim: Claim) {
  return { claimId: claim.claimId, customerId: claim.customerId, soldByPartnerId: claim.policy.soldByPartnerId };
}
