import type { EventMetadata, RecordedEvent } from './port.ts';

/**
 * Why an event is appended. `correlationId` is the request it belongs to (the request id every log line
 * and subgraph call carries); `causationId` is what directly caused it: the command's id for an event a
 * command decided, the causing event's id for a reaction or a process manager.
 */
export interface EventCause {
  readonly correlationId: string;
  readonly causationId: string;
}

/** The cause of events a command decided, within the request that carried it. */
export function causedByCommand(commandId: string, correlationId: string): EventCause {
  return { correlationId, causationId: commandId };
}

/** The cause of events a reaction appends to an event it handles: same request, caused by that event. */
export function causedByEvent(event: RecordedEvent): EventCause {
  return { correlationId: event.metadata.correlationId, causationId: event.id };
}

/** The stored metadata of an event with its cause. */
export function eventMetadata(schemaVersion: number, actor: string, cause: EventCause): EventMetadata {
  return {
    schemaVersion,
    actor,
    correlationId: cause.correlationId,
    causationId: cause.causationId,
  };
}
