import { nameBasedUuid } from '@cabinet/kernel';
import type { EventMetadata } from './port.ts';

/** Namespace of the command ids of operations that are commands of their request alone. */
const REQUEST_COMMAND_NAMESPACE = '5e0b9f3a-7c2d-4e1f-8a6b-3d9c0e7f1a2b';

/**
 * Why an event is appended. `correlationId` is the request it belongs to (the request id every log line
 * and subgraph call carries); `causationId` is what directly caused it: the id of the command that
 * decided it. (No service appends events in reaction to other events yet; such a reaction would name
 * the event it handles as the cause, in that event's correlation.)
 */
export interface EventCause {
  readonly correlationId: string;
  readonly causationId: string;
  /** The fingerprint of the causing command's request, when it has one. */
  readonly commandFingerprint?: string;
}

/** The cause of events a command decided, within the request that carried it. */
export function causedByCommand(
  commandId: string,
  correlationId: string,
  commandFingerprint?: string,
): EventCause {
  return commandFingerprint === undefined
    ? { correlationId, causationId: commandId }
    : { correlationId, causationId: commandId, commandFingerprint };
}

/**
 * The cause of events an operation records that takes no idempotency key (a sign-in, a token grant, a
 * job's step): the operation within its request is the command, its id derived from both.
 */
export function causedByRequest(requestId: string, operation: string): EventCause {
  return causedByCommand(nameBasedUuid(REQUEST_COMMAND_NAMESPACE, `${requestId}:${operation}`), requestId);
}

/** The stored metadata of an event with its cause. */
export function eventMetadata(schemaVersion: number, actor: string, cause: EventCause): EventMetadata {
  return {
    schemaVersion,
    actor,
    correlationId: cause.correlationId,
    causationId: cause.causationId,
    ...(cause.commandFingerprint === undefined ? {} : { commandFingerprint: cause.commandFingerprint }),
  };
}
