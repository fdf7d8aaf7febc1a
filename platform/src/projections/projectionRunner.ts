import type { DocumentStore } from '../documents/port.ts';
import { StaleFence, VersionConflict } from '../documents/port.ts';
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

/** Watches running projections (their metrics); the runner tells it what it applies. */
export interface ProjectionMonitor {
  /**
   * A runner started. `unapplied(limit)` reads up to `limit` events in the projection's categories
   * that it has not applied yet, oldest first. The returned function is called when the runner stops.
   */
  watch(projection: string, unapplied: (limit: number) => Promise<RecordedEvent[]>): () => void;
  /** `live`: the runner had caught up with the log before this event arrived. */
  applied(projection: string, event: RecordedEvent, live: boolean): void;
}

export interface RunningProjection {
  /** Resolves once nothing in the projection's categories is left unapplied. */
  caughtUp(): Promise<void>;
  stop(): Promise<void>;
}

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

/** Follows the log from the projection's stored checkpoint and applies each event in order. */
export async function runProjection(
  projection: Projection,
  events: EventStore,
  documents: DocumentStore,
  log: Logger,
  monitor?: ProjectionMonitor,
): Promise<RunningProjection> {
  const checkpoints = await documents.collection<Checkpoint>(CHECKPOINTS);
  const stored = await checkpoints.get(projection.name);
  let version = stored?.version ?? null;
  const abort = new AbortController();
  let caughtUpOnce: () => void = () => undefined;
  const firstCatchUp = new Promise<void>((resolve) => (caughtUpOnce = resolve));
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
  const loop = (async () => {
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
    }
  })().catch((error: unknown) => {
    if (abort.signal.aborted) return;
    if (error instanceof VersionConflict) {
      log.error({ projection: projection.name }, 'another process advanced this projection; stopping here');
      return;
    }
    if (error instanceof StaleFence) {
      log.error({ projection: projection.name }, 'a newer leader writes this projection; stopping here');
      return;
    }
    log.error({ err: error, projection: projection.name }, 'projection stopped on an error');
  });

  await firstCatchUp;
  return {
    async caughtUp() {
      while (!abort.signal.aborted) {
        if ((await unapplied(1)).length === 0) return;
        await new Promise((resolve) => setTimeout(resolve, 10));
      }
    },
    async stop() {
      abort.abort();
      await loop;
      unwatch?.();
      await flush().catch(checkpointNotSaved);
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
  const running = await runProjection(projection, events, documents, log);
  await running.caughtUp();
  await running.stop();
}
