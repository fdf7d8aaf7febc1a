import type { EventStore, Position, RecordedEvent } from '@cabinet/platform/eventstore';
import { claimEventOf } from '../application/claimEventCodec.ts';
import type { ClaimEventType } from '../domain/claimEvents.ts';
import { CLAIM_STREAM_CATEGORY } from '../domain/claimStreamId.ts';

/** A claim event as analysts get it: everything but the personal part. */
export interface AnalystClaimEvent {
  /** The event's position: pass it as `after` to continue after it. */
  readonly cursor: Position;
  readonly eventId: string;
  readonly claimId: string;
  readonly type: ClaimEventType;
  readonly revision: number;
  readonly occurredAt: string;
  readonly recordedAt: string;
  readonly actor: string;
  /** The request that recorded it. */
  readonly correlationId: string;
  /** The command that recorded it; null for events recorded before commands had ids. */
  readonly causationId: string | null;
  readonly data: Readonly<Record<string, unknown>>;
}

export interface ClaimLogPage {
  readonly events: AnalystClaimEvent[];
  /** Where the next page starts; null when nothing was read. */
  readonly endCursor: Position | null;
  readonly hasNextPage: boolean;
}

const SCAN_BATCH = 500;

export function analystViewOf(recorded: RecordedEvent): AnalystClaimEvent {
  const event = claimEventOf(recorded);
  const data = Object.fromEntries(Object.entries(event.data).filter(([key]) => key !== 'personal'));
  return {
    cursor: recorded.position,
    eventId: recorded.id,
    claimId: event.data.claimId,
    type: event.type,
    revision: Number(recorded.revision),
    occurredAt: event.data.occurredAt,
    recordedAt: recorded.recordedAt.toISOString(),
    actor: recorded.metadata.actor,
    correlationId: recorded.metadata.correlationId,
    causationId: recorded.metadata.causationId,
    data,
  };
}

/** One page of the whole claim log in log order, optionally only some event types. */
export async function readClaimLog(
  events: EventStore,
  query: { after?: Position | undefined; first: number; types?: readonly ClaimEventType[] | undefined },
): Promise<ClaimLogPage> {
  const wanted = query.types && query.types.length > 0 ? new Set(query.types) : null;
  const page: AnalystClaimEvent[] = [];
  let scannedTo = query.after;
  for (;;) {
    const batch = await events.readAll({
      categories: [CLAIM_STREAM_CATEGORY],
      maxCount: SCAN_BATCH,
      ...(scannedTo === undefined ? {} : { after: scannedTo }),
    });
    for (const recorded of batch) {
      scannedTo = recorded.position;
      if (wanted && !wanted.has(recorded.type as ClaimEventType)) continue;
      page.push(analystViewOf(recorded));
      if (page.length === query.first) {
        const more = await events.readAll({
          categories: [CLAIM_STREAM_CATEGORY],
          maxCount: 1,
          after: scannedTo,
        });
        return { events: page, endCursor: scannedTo, hasNextPage: more.length > 0 };
      }
    }
    if (batch.length < SCAN_BATCH) return { events: page, endCursor: scannedTo ?? null, hasNextPage: false };
  }
}

/** The position after which the events recorded later than `time` start (undefined: the beginning). */
export async function claimLogPositionAt(events: EventStore, time: Date): Promise<Position | undefined> {
  let position: Position | undefined;
  for (;;) {
    const batch = await events.readAll({
      categories: [CLAIM_STREAM_CATEGORY],
      maxCount: SCAN_BATCH,
      ...(position === undefined ? {} : { after: position }),
    });
    for (const recorded of batch) {
      if (recorded.recordedAt.getTime() > time.getTime()) return position;
      position = recorded.position;
    }
    if (batch.length < SCAN_BATCH) return position;
  }
}
