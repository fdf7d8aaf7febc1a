import type { EventStore, Position, RecordedEvent } from '@cabinet/platform/eventstore';
import { claimEventOf } from '../application/claimEventCodec.ts';
import { claimStatusOf, evolve, initialState, type Claim, type ClaimState } from '../domain/claimState.ts';
import type { ClaimResolution, ClaimStatus } from '../domain/claimStatus.ts';

/** One change of a claim's status, as subscribers and notifications see it. No personal data. */
export interface ClaimStatusChangeRecord {
  /** The change's position in the log: pass it back as `after` to resume right after it. */
  readonly cursor: Position;
  /** The id of the event that moved the status: one change per event, so it names the change. */
  readonly eventId: string;
  readonly claimId: string;
  readonly claimNumber: string;
  readonly customerId: string;
  readonly policyId: string;
  readonly policyNumber: string;
  readonly soldByPartnerId: string | null;
  readonly status: ClaimStatus;
  readonly previousStatus: ClaimStatus | null;
  readonly resolution: ClaimResolution | null;
  readonly changedAt: string;
}

/** The claim's state just before `event`, folded from its stream. */
export async function stateBefore(events: EventStore, event: RecordedEvent): Promise<ClaimState> {
  if (event.revision === 0n) return initialState;
  const history = await events.read(event.stream, { maxCount: Number(event.revision) });
  return history.map(claimEventOf).reduce(evolve, initialState);
}

/** The status change `event` made (status or resolution moved), or null when it left them as they were. */
export function statusChangeOf(
  before: ClaimState,
  after: Claim,
  event: RecordedEvent,
): ClaimStatusChangeRecord | null {
  const previousStatus = before.kind === 'claim' ? claimStatusOf(before) : null;
  const status = claimStatusOf(after);
  if (previousStatus === status && before.kind === 'claim' && before.resolution === after.resolution)
    return null;
  return {
    cursor: event.position,
    eventId: event.id,
    claimId: after.claimId,
    claimNumber: after.claimNumber,
    customerId: after.customerId,
    policyId: after.policy.policyId,
    policyNumber: after.policy.policyNumber,
    soldByPartnerId: after.policy.soldByPartnerId,
    status,
    previousStatus,
    resolution: after.resolution,
    changedAt: claimEventOf(event).data.occurredAt,
  };
}

/** Who owns the claim a change belongs to, in the shape the access rules read. */
export function ownershipOf(
  change: Pick<ClaimStatusChangeRecord, 'claimId' | 'customerId' | 'soldByPartnerId'>,
) {
  return { claimId: change.claimId, customerId: change.customerId, soldByPartnerId: change.soldByPartnerId };
}
