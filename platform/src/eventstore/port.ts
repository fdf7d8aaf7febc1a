/**
 * The event store port, with EventStoreDB semantics: one stream per aggregate, 0-based revisions,
 * optimistic concurrency by expected revision, one global order across all streams. Adapters
 * (SQLite embedded, EventStoreDB in production) never leak their client types through it.
 */

/** `no_stream`: the stream must not exist; `stream_exists`: it must; `any`: no check; bigint: its last revision. */
export type ExpectedRevision = 'no_stream' | 'stream_exists' | 'any' | bigint;

/**
 * Opaque, totally ordered position in the global log, handed to clients as their cursor. Every adapter
 * writes it in the one form of `logPosition.ts`, so a cursor looks the same whatever the storage.
 */
export type Position = string;

export interface EventMetadata {
  /** Version of the event's data shape; upcasters lift older versions on read. */
  readonly schemaVersion: number;
  /** Who caused it: `customer:<id>`, `staff:<id>`, `partner:<id>`, `system:<job>`. */
  readonly actor: string;
  readonly correlationId: string;
  readonly causationId: string | null;
  /** What the causing command asked (see `commandFingerprint`); absent when no command's request did. */
  readonly commandFingerprint?: string;
}

/**
 * Idempotent appends, as both adapters guarantee them: re-sending a batch whose ids were already
 * appended, with the expected revision of the original append (or `no_stream` when it opened the
 * stream), succeeds without writing and answers the original result, even after later appends; a
 * batch only partly there is a conflict. Re-sending ids that are in the stream at any other expected
 * revision is outside the guarantee and differs by adapter: SQLite refuses it (WrongExpectedRevision,
 * event ids are unique per stream), EventStoreDB appends the events again when the expected revision
 * is the stream's current one; with `any` EventStoreDB recognises a repeat only from a cache of recent
 * ids. Callers therefore never re-send old ids at a new revision: a retried
 * command re-reads the stream and decides again (and a command already handled decides nothing).
 */
export interface NewEvent<Type extends string = string, Data = unknown> {
  /** A UUID chosen by the caller; see the idempotence guarantee above. */
  readonly id: string;
  readonly type: Type;
  readonly data: Data;
  readonly metadata: EventMetadata;
}

export interface RecordedEvent<Type extends string = string, Data = unknown> extends NewEvent<Type, Data> {
  readonly stream: string;
  readonly revision: bigint;
  readonly position: Position;
  readonly recordedAt: Date;
}

export interface AppendResult {
  /** The revision of the last event now in the stream. */
  readonly nextRevision: bigint;
  /** The global position of the last event now in the stream. */
  readonly position: Position;
}

export interface ReadStreamOptions {
  /** Inclusive; defaults to the first event (forwards) or the last (backwards). */
  readonly fromRevision?: bigint;
  readonly maxCount?: number;
  readonly direction?: 'forwards' | 'backwards';
}

export interface ReadAllOptions {
  /** Exclusive: events strictly after this position; omitted means from the very beginning. */
  readonly after?: Position;
  /**
   * Stream categories, the part of the stream name before the first '-' (`claim` for `claim-<uuid>`):
   * the filter matches streams named `<category>-…`, so a name without '-' is in no category.
   */
  readonly categories?: readonly string[];
  readonly maxCount: number;
}

export interface SubscribeOptions {
  readonly after?: Position;
  readonly categories?: readonly string[];
  /** Ends the subscription: the iterator returns after the signal aborts. */
  readonly signal?: AbortSignal;
}

export type SubscriptionMessage =
  | { readonly kind: 'event'; readonly event: RecordedEvent }
  /**
   * Everything recorded up to now has been delivered; what follows is live. Sent once; `position` is
   * the last one delivered, or the `after` the subscription started from when there was nothing new.
   */
  | { readonly kind: 'caughtUp'; readonly position: Position | undefined };

export interface EventStore {
  append(
    stream: string,
    events: readonly NewEvent[],
    options: { expectedRevision: ExpectedRevision },
  ): Promise<AppendResult>;
  /** A stream that does not exist reads as empty. */
  read(stream: string, options?: ReadStreamOptions): Promise<RecordedEvent[]>;
  readAll(options: ReadAllOptions): Promise<RecordedEvent[]>;
  /**
   * The position of the last event now in the log, of any stream (undefined: the log is empty). A
   * subscription `after` it delivers only what is recorded from now on.
   */
  headPosition(): Promise<Position | undefined>;
  /** Catch-up subscription ordered by global position: past events, a caught-up signal, then live ones. */
  subscribe(options?: SubscribeOptions): AsyncIterable<SubscriptionMessage>;
  close(): Promise<void>;
}

export class WrongExpectedRevision extends Error {
  constructor(
    readonly stream: string,
    readonly expected: ExpectedRevision,
    readonly actual: bigint | 'no_stream',
  ) {
    super(`stream ${stream}: expected revision ${String(expected)}, actual ${String(actual)}`);
    this.name = 'WrongExpectedRevision';
  }
}

/** The stream was deleted: nothing can be appended to it again (EventStoreDB only; SQLite never deletes). */
export class StreamDeleted extends Error {
  constructor(readonly stream: string) {
    super(`stream ${stream} was deleted`);
    this.name = 'StreamDeleted';
  }
}

/** The batch is larger than the store accepts in one append. */
export class AppendTooLarge extends Error {
  constructor(
    readonly stream: string,
    readonly maxBytes: number | undefined,
  ) {
    super(
      `append to ${stream} exceeds the store's maximum append size${maxBytes ? ` of ${maxBytes} bytes` : ''}`,
    );
    this.name = 'AppendTooLarge';
  }
}

/** The store refused the service's credentials for this operation: a deployment error, not a retry. */
export class EventStoreAccessDenied extends Error {
  constructor(readonly operation: string) {
    super(`the event store denied access to ${operation}`);
    this.name = 'EventStoreAccessDenied';
  }
}

/**
 * The store could not be reached or could not take the request now (down, no leader, timed out):
 * the operation may be retried. An append that failed this way may still have been written, so it
 * is retried with the same event ids and expected revision (see the idempotence guarantee).
 */
export class EventStoreUnavailable extends Error {
  constructor(
    readonly operation: string,
    options?: { cause?: unknown },
  ) {
    super(`the event store is unavailable for ${operation}`, options);
    this.name = 'EventStoreUnavailable';
  }
}

export function categoryOf(stream: string): string {
  const dash = stream.indexOf('-');
  return dash === -1 ? stream : stream.slice(0, dash);
}
