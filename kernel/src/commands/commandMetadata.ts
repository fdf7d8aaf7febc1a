/**
 * What every command carries beside its data. `commandId` names the command, not the attempt: a client's
 * retry (the same idempotency key) carries the same id, so a decider that remembers handled ids answers a
 * repeat with no events.
 */
export interface CommandMetadata {
  readonly commandId: string;
  /** When the command is decided: the business time of the facts it records. */
  readonly now: Date;
}
