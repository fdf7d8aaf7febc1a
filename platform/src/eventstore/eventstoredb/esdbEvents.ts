import type { EventData, JSONType, ResolvedEvent } from '@eventstore/db-client';
import { jsonEvent } from '@eventstore/db-client';
import type { EventMetadata, NewEvent, RecordedEvent } from '../port.ts';
import { encodeEsdbPosition } from './esdbPosition.ts';

/**
 * Our metadata as stored on EventStoreDB: `$correlationId` and `$causationId` use the server's own
 * names, so its `$by_correlation_id` projection works on our events.
 */
interface StoredMetadata {
  readonly schemaVersion: number;
  readonly actor: string;
  readonly $correlationId: string;
  readonly $causationId?: string;
  readonly commandFingerprint?: string;
}

export function toEventData(event: NewEvent): EventData {
  const metadata: StoredMetadata = {
    schemaVersion: event.metadata.schemaVersion,
    actor: event.metadata.actor,
    $correlationId: event.metadata.correlationId,
    ...(event.metadata.causationId === null ? {} : { $causationId: event.metadata.causationId }),
    ...(event.metadata.commandFingerprint === undefined
      ? {}
      : { commandFingerprint: event.metadata.commandFingerprint }),
  };
  return jsonEvent({ id: event.id, type: event.type, data: event.data as JSONType, metadata });
}

/** Null for what is not one of our events: links without their target, system events. */
export function fromResolvedEvent(resolved: ResolvedEvent): RecordedEvent | null {
  const { event } = resolved;
  if (event === undefined || event.streamId.startsWith('$') || event.position === undefined) return null;
  const stored: Partial<StoredMetadata> = isJsonObject(event.metadata) ? event.metadata : {};
  const metadata: EventMetadata = {
    schemaVersion: stored.schemaVersion ?? 1,
    actor: stored.actor ?? 'unknown',
    correlationId: stored.$correlationId ?? event.id,
    causationId: stored.$causationId ?? null,
    ...(stored.commandFingerprint === undefined ? {} : { commandFingerprint: stored.commandFingerprint }),
  };
  return {
    id: event.id,
    stream: event.streamId,
    revision: event.revision,
    position: encodeEsdbPosition(event.position),
    type: event.type,
    data: event.data,
    metadata,
    recordedAt: event.created,
  };
}

function isJsonObject(value: unknown): value is Partial<StoredMetadata> {
  return (
    typeof value === 'object' && value !== null && !(value instanceof Uint8Array) && !Array.isArray(value)
  );
}
