/**
 * What every command carries beside its data. `commandId` names the command, not the attempt: a client's
 * retry (the same idempotency key) carries the same id, so a decider that remembers handled ids answers a
 * repeat with no events. `fingerprint` (see `commandFingerprint`) is what the caller asked, so a key
 * reused for a different request is told apart from a retry and refused.
 */
export interface CommandMetadata {
  readonly commandId: string;
  readonly fingerprint: string;
  /** When the command is decided: the business time of the facts it records. */
  readonly now: Date;
}
