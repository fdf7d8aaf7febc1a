import { ErrorType, isCommandError } from '@eventstore/db-client';
import { AppendTooLarge, EventStoreAccessDenied, EventStoreUnavailable, StreamDeleted } from '../port.ts';

/** Failures after which the same request may be sent again, to this node or the leader it names. */
const RETRYABLE = new Set<string>([
  ErrorType.UNAVAILABLE,
  ErrorType.CANCELLED,
  ErrorType.DEADLINE_EXCEEDED,
  ErrorType.TIMEOUT,
  ErrorType.NOT_LEADER,
  ErrorType.UNKNOWN,
]);

/**
 * The client's errors as the port's. A failed discovery (`esdb+discover://`) is a plain Error in
 * client 6.2.1 (Client/discovery.js), not a CommandError: the cluster cannot be reached now.
 * Anything else is passed on as it is.
 */
export function portErrorOf(error: unknown, operation: string, stream?: string): unknown {
  if (!(error instanceof Error)) return error;
  if (!isCommandError(error)) {
    return error.message.startsWith('Failed to discover')
      ? new EventStoreUnavailable(operation, { cause: error })
      : error;
  }
  if (error.type === ErrorType.STREAM_DELETED)
    return new StreamDeleted(error.streamName ?? stream ?? 'unknown');
  if (error.type === ErrorType.MAXIMUM_APPEND_SIZE_EXCEEDED)
    return new AppendTooLarge(stream ?? 'unknown', error.maxAppendSize);
  if (error.type === ErrorType.ACCESS_DENIED) return new EventStoreAccessDenied(operation);
  return RETRYABLE.has(error.type) ? new EventStoreUnavailable(operation, { cause: error }) : error;
}
