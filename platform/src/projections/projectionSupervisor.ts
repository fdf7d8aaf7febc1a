import type { DocumentStore } from '../documents/port.ts';
import { StaleFence } from '../documents/port.ts';
import type { EventStore } from '../eventstore/port.ts';
import type { Logger } from '../logging/logger.ts';
import {
  startProjectionRun,
  type Projection,
  type ProjectionMonitor,
  type ProjectionRun,
} from './projectionRunner.ts';

export interface RunningProjection {
  /** False while the projection is down (its run failed and the next one has not caught up yet). */
  readonly up: boolean;
  /** Resolves once nothing in the projection's categories is left unapplied. */
  caughtUp(): Promise<void>;
  stop(): Promise<void>;
}

export interface RestartBackoff {
  readonly firstMs: number;
  readonly maxMs: number;
}

const DEFAULT_BACKOFF: RestartBackoff = { firstMs: 200, maxMs: 30_000 };

/**
 * Runs a projection and keeps it running: a run that fails (the event store went away, an `apply`
 * threw) is started again from its checkpoint after a backoff that doubles up to `maxMs`, and is
 * reported down (`up`, the monitor's `state`) until it has caught up again. Resolves once the first
 * run has caught up, however many attempts that takes. A StaleFence means a newer leader writes the
 * projection (see leases/readModelLeadership.ts): this one stays down rather than write over it. A
 * VersionConflict on the checkpoint (a paused former leader advanced it) is restarted like any failure:
 * the next run reads the checkpoint again.
 */
export async function runProjection(
  projection: Projection,
  events: EventStore,
  documents: DocumentStore,
  log: Logger,
  monitor?: ProjectionMonitor,
  backoff: RestartBackoff = DEFAULT_BACKOFF,
): Promise<RunningProjection> {
  const supervisor = new ProjectionSupervisor(projection, events, documents, log, monitor, backoff);
  await supervisor.start();
  return supervisor;
}

class ProjectionSupervisor implements RunningProjection {
  private run: ProjectionRun | undefined;
  private isUp = false;
  private readonly abort = new AbortController();
  private supervising: Promise<void> = Promise.resolve();
  private progress = new Progress();

  constructor(
    private readonly projection: Projection,
    private readonly events: EventStore,
    private readonly documents: DocumentStore,
    private readonly log: Logger,
    private readonly monitor: ProjectionMonitor | undefined,
    private readonly backoff: RestartBackoff,
  ) {}

  get up(): boolean {
    return this.isUp;
  }

  start(): Promise<void> {
    return new Promise((firstCatchUp) => {
      this.supervising = this.supervise(firstCatchUp);
    });
  }

  async caughtUp(): Promise<void> {
    while (!this.abort.signal.aborted) {
      const progressed = this.progress.next();
      const { run } = this;
      if (this.isUp && run !== undefined && (await run.unapplied(1)).length === 0) return;
      await progressed;
    }
  }

  async stop(): Promise<void> {
    this.abort.abort();
    this.progress.tick();
    await this.supervising;
    await this.run?.stop();
    this.isUp = false;
    this.monitor?.state(this.projection.name, 'stopped');
  }

  private async supervise(firstCatchUp: () => void): Promise<void> {
    const name = this.projection.name;
    let delayMs = this.backoff.firstMs;
    while (!this.abort.signal.aborted) {
      let failure: unknown;
      try {
        this.run = await startProjectionRun(this.projection, this.events, this.documents, this.log, {
          monitor: this.monitor,
          progressed: () => this.progress.tick(),
          signal: this.abort.signal,
        });
        if (this.abort.signal.aborted) return;
        this.setUp(true);
        firstCatchUp();
        delayMs = this.backoff.firstMs;
        failure = await this.run.ended;
      } catch (error) {
        failure = error;
      }
      if (this.abort.signal.aborted) return;
      this.setUp(false);
      if (failure instanceof StaleFence) {
        this.log.error({ projection: name }, 'a newer leader writes this projection; stopping here');
        return;
      }
      this.log.error({ err: failure, projection: name, retryInMs: delayMs }, 'projection down; restarting');
      await sleep(delayMs, this.abort.signal);
      delayMs = Math.min(delayMs * 2, this.backoff.maxMs);
    }
  }

  private setUp(up: boolean): void {
    this.isUp = up;
    this.monitor?.state(this.projection.name, up ? 'up' : 'down');
    this.progress.tick();
  }
}

/** A promise of "something changed" that is renewed each time it resolves. */
class Progress {
  private resolve: () => void = () => undefined;
  private promise = this.renew();

  next(): Promise<void> {
    return this.promise;
  }

  tick(): void {
    this.resolve();
    this.promise = this.renew();
  }

  private renew(): Promise<void> {
    return new Promise((resolve) => (this.resolve = resolve));
  }
}

function sleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    const timer = setTimeout(done, ms);
    function done() {
      clearTimeout(timer);
      signal.removeEventListener('abort', done);
      resolve();
    }
    signal.addEventListener('abort', done, { once: true });
  });
}
