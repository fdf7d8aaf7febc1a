/**
 * The event store port, with EventStoreDB semantics: one stream per aggregate, 0-based revisions,
 * optimistic concurrency by expected revision, one global order across all streams. Adapters
 * (SQLite embedded, EventStoreDB in production) never leak their client types through it.
 */

/** `no_stream`: the stream must not exist; `stream_exists`: it must; `any`: no check; bigint: its last revision. */
export type ExpectedRevision = 'no_stream' | 'stream_exists' | 'any' | bigint;

/** Opaque, totally ordered position in the global log, serialisable as a cursor string. */
export type Position = string;

export interface EventMetadata {
  /** Version of the event's data shape; upcasters lift older versions on read. */
  readonly schemaVersion: number;
  /** Who caused it: `customer:<id>`, `staff:<id>`, `partner:<id>`, `system:<job>`. */
  readonly actor: string;
  readonly correlationId: string;
  readonly causationId: string | null;
}

export interface NewEvent<Type extends string = string, Data = unknown> {
  /** A UUID chosen by the caller: re-sending the same ids at the same expected revision is a no-op. */
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

export function categoryOf(stream: string): string {
  const dash = stream.indexOf('-');
  return dash === -1 ? stream : stream.slice(0, dash);
}
