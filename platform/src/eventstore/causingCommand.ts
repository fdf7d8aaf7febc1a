import type { RecordedEvent } from './port.ts';

/**
 * The command that recorded an event, read back from its metadata (`causationId`, and the fingerprint
 * of the command's request): what a stream's state folds into the commands it has handled. Empty for
 * an event no command caused; without a fingerprint for one recorded before fingerprints.
 */
export interface CausingCommand {
  readonly commandId?: string;
  readonly commandFingerprint?: string;
}

export function causingCommandOf(recorded: RecordedEvent): CausingCommand {
  const { causationId: commandId, commandFingerprint } = recorded.metadata;
  if (commandId === null) return {};
  return commandFingerprint === undefined ? { commandId } : { commandId, commandFingerprint };
}

/**
 * The stream as the command with this id left it, up to its last event: what a retry of that command
 * answers. Null when no event of the stream was caused by it.
 */
export function streamAsLeftBy<Event extends RecordedEvent>(
  stored: readonly Event[],
  commandId: string,
): readonly Event[] | null {
  const last = stored.findLastIndex((event) => event.metadata.causationId === commandId);
  return last < 0 ? null : stored.slice(0, last + 1);
}
