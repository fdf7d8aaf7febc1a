import type { DocumentStore } from '../documents/port.ts';
import type { EventStore, Position, RecordedEvent } from '../eventstore/port.ts';
import type { Logger } from '../logging/logger.ts';

/**
 * A read model kept up to date from the event log. `apply` must be idempotent (the runner delivers
 * at least once: after a crash it resumes from the last stored checkpoint).
 */
export interface Projection {
  readonly name: string;
  readonly categories: readonly string[];
  apply(event: RecordedEvent): Promise<void>;
  /** Drops everything the projection wrote, before a rebuild from the start of the log. */
  reset(): Promise<void>;
}

interface Checkpoint {
  readonly position: Position | null;
}

const CHECKPOINTS = { name: 'projection_checkpoints', indexes: [] } as const;
const CHECKPOINT_EVERY = 100;
const CHECKPOINT_DELAY_MS = 200;

/**
 * The position up to which `projection` has surely applied its categories' events (its stored
 * checkpoint; the runner may be a little further), or undefined before its first checkpoint.
 */
export async function appliedUpTo(
  documents: DocumentStore,
  projection: string,
): Promise<Position | undefined> {
  const checkpoints = await documents.collection<Checkpoint>(CHECKPOINTS);
  return (await checkpoints.get(projection))?.data.position ?? undefined;
}

/** Watches running projections (their metrics); the runner tells it what it applies. */
export interface ProjectionMonitor {
  /**
   * A runner started. `unapplied(limit)` reads up to `limit` events in the projection's categories
   * that it has not applied yet, oldest first. The returned function is called when the runner stops.
   */
  watch(projection: string, unapplied: (limit: number) => Promise<RecordedEvent[]>): () => void;
  /** `live`: the runner had caught up with the log before this event arrived. */
  applied(projection: string, event: RecordedEvent, live: boolean): void;
  /** The supervisor's view: `up` once a run has caught up, `down` after it failed, `stopped` at the end. */
  state(projection: string, state: 'up' | 'down' | 'stopped'): void;
}

/** One run of a projection: from its stored checkpoint until it fails or is stopped. */
export interface ProjectionRun {
  /** Resolves when the run ends: with what broke it, or undefined when it was stopped. */
  readonly ended: Promise<unknown>;
  /** Up to `limit` events of the projection's categories after the last one this run applied. */
  unapplied(limit: number): Promise<RecordedEvent[]>;
  stop(): Promise<void>;
}

/**
 * Starts one run: follows the log from the projection's stored checkpoint and applies each event in
 * order. Resolves once it has caught up with the log; rejects with what broke it before that. A run
 * that fails later saves its checkpoint and ends (see `ended`); the supervisor decides what follows.
 * `progressed` is called after each event applied; `signal` stops the run, even while it catches up.
 */
export async function startProjectionRun(
  projection: Projection,
  events: EventStore,
  documents: DocumentStore,
  log: Logger,
  hooks: {
    readonly monitor?: ProjectionMonitor | undefined;
    readonly progressed?: () => void;
    readonly signal?: AbortSignal;
  } = {},
): Promise<ProjectionRun> {
  const { monitor } = hooks;
  const checkpoints = await documents.collection<Checkpoint>(CHECKPOINTS);
  const stored = await checkpoints.get(projection.name);
  let version = stored?.version ?? null;
  const abort = new AbortController();
  hooks.signal?.addEventListener('abort', () => abort.abort(), { once: true });
  let lastPosition = stored?.data.position ?? undefined;
  const unapplied = (limit: number) =>
    events.readAll({
      categories: projection.categories,
      maxCount: limit,
      ...(lastPosition ? { after: lastPosition } : {}),
    });

  const saveCheckpoint = async (position: Position) => {
    const data = { position };
    version =
      version === null
        ? (await checkpoints.insert(projection.name, data)).version
        : (await checkpoints.replace(projection.name, data, version)).version;
  };

  // A durable checkpoint write per event would double the writes of every projection; since `apply` is
  // idempotent, the checkpoint is written every CHECKPOINT_EVERY events and shortly after the last one,
  // so a crash re-applies at most a few events. Writes are chained so they never race each other.
  const checkpointNotSaved = (error: unknown) =>
    log.error({ err: error, projection: projection.name }, 'projection checkpoint not saved');
  let saved = lastPosition;
  let unsaved = 0;
  let flushTimer: NodeJS.Timeout | undefined;
  let writing: Promise<void> = Promise.resolve();
  const flush = (): Promise<void> => {
    clearTimeout(flushTimer);
    flushTimer = undefined;
    const position = lastPosition;
    if (position === undefined || position === saved) return writing;
    saved = position;
    unsaved = 0;
    writing = writing.then(() => saveCheckpoint(position));
    return writing;
  };
  const applied = async (position: Position) => {
    lastPosition = position;
    unsaved += 1;
    if (unsaved >= CHECKPOINT_EVERY) return flush();
    flushTimer ??= setTimeout(() => {
      flush().catch(checkpointNotSaved);
    }, CHECKPOINT_DELAY_MS);
    return undefined;
  };

  const unwatch = monitor?.watch(projection.name, unapplied);
  let live = false;
  let caughtUpOnce: () => void = () => undefined;
  const firstCatchUp = new Promise<void>((resolve) => (caughtUpOnce = resolve));
  const ended = (async (): Promise<unknown> => {
    try {
      for await (const message of events.subscribe({
        ...(lastPosition ? { after: lastPosition } : {}),
        categories: projection.categories,
        signal: abort.signal,
      })) {
        if (message.kind === 'caughtUp') {
          live = true;
          caughtUpOnce();
          continue;
        }
        await projection.apply(message.event);
        monitor?.applied(projection.name, message.event, live);
        await applied(message.event.position);
        hooks.progressed?.();
      }
      return abort.signal.aborted ? undefined : new Error('the event store ended the subscription');
    } catch (error) {
      return abort.signal.aborted ? undefined : error;
    } finally {
      unwatch?.();
      await flush().catch(checkpointNotSaved);
    }
  })();

  const failure = await Promise.race([firstCatchUp.then(() => undefined), ended]);
  if (failure !== undefined)
    throw failure instanceof Error ? failure : new Error('projection run failed', { cause: failure });
  return {
    ended,
    unapplied,
    async stop() {
      abort.abort();
      await ended;
    },
  };
}

/**
 * Rebuilds a projection from the start of the log: drops what it wrote and its checkpoint, then
 * applies every event and stops. Only while nothing else runs it (see the read-model leases).
 */
export async function rebuildProjection(
  projection: Projection,
  events: EventStore,
  documents: DocumentStore,
  log: Logger,
): Promise<void> {
  await projection.reset();
  const checkpoints = await documents.collection<Checkpoint>(CHECKPOINTS);
  await checkpoints.delete(projection.name);
  const run = await startProjectionRun(projection, events, documents, log);
  await run.stop();
}
