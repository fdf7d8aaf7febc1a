import type { DocumentStore } from '../documents/port.ts';
import type { EventStore } from '../eventstore/port.ts';
import type { Logger } from '../logging/logger.ts';
import type { Projection, ProjectionMonitor } from './projectionRunner.ts';
import { runProjection } from './projectionSupervisor.ts';

/** Work that runs while it is up and stops when asked: a group of projections, or what runs beside them. */
export interface RunningWork {
  readonly up: boolean;
  stop(): Promise<void>;
}

/**
 * Runs projections together (each under its supervisor), then `alongside` them the work that needs
 * them running (e.g. a notice dispatcher): up while all of it is up, stopped together, and nothing
 * left running when `alongside` fails to start.
 */
export async function runProjectionGroup(
  projections: readonly Projection[],
  stores: { readonly events: EventStore; readonly documents: DocumentStore },
  log: Logger,
  monitor: ProjectionMonitor | undefined,
  alongside?: () => Promise<RunningWork>,
): Promise<RunningWork> {
  const running = await Promise.all(
    projections.map((projection) => runProjection(projection, stores.events, stores.documents, log, monitor)),
  );
  const stopProjections = () =>
    Promise.all(running.map((projection) => projection.stop())).then(() => undefined);
  const more = await alongside?.().catch(async (error: unknown) => {
    await stopProjections();
    throw error;
  });
  return {
    get up() {
      return running.every((projection) => projection.up) && (more?.up ?? true);
    },
    async stop() {
      await more?.stop();
      await stopProjections();
    },
  };
}
