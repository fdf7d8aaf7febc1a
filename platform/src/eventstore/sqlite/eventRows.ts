import type { RecordedEvent } from '../port.ts';
import { encodePosition } from './sqlitePosition.ts';

/** The columns every read selects, in this order; rows are read as arrays, which is measurably faster. */
export const EVENT_COLUMNS =
  'position, stream, revision, event_id, type, data, schema_version, actor, correlation_id, causation_id, recorded_at, command_fingerprint';

export type EventRow = [
  position: number,
  stream: string,
  revision: number,
  eventId: string,
  type: string,
  data: string,
  schemaVersion: number,
  actor: string,
  correlationId: string,
  causationId: string | null,
  recordedAt: number,
  commandFingerprint: string | null,
];

export function positionOf(row: EventRow): number {
  return row[0];
}

export function toRecordedEvent(row: EventRow): RecordedEvent {
  const [
    position,
    stream,
    revision,
    id,
    type,
    data,
    schemaVersion,
    actor,
    correlationId,
    causationId,
    recordedAt,
    commandFingerprint,
  ] = row;
  return {
    id,
    stream,
    revision: BigInt(revision),
    position: encodePosition(position),
    type,
    data: JSON.parse(data) as unknown,
    metadata: {
      schemaVersion,
      actor,
      correlationId,
      causationId,
      ...(commandFingerprint === null ? {} : { commandFingerprint }),
    },
    recordedAt: new Date(recordedAt),
  };
}
