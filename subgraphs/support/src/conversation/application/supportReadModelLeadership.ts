import { fencedWrites, type DocumentStore } from '@cabinet/platform/documents';
import type { EventStore } from '@cabinet/platform/eventstore';
import {
  leadReadModels,
  type LeaderWork,
  type LeadershipTiming,
  type ReadModelLeadership,
} from '@cabinet/platform/leases';
import type { Logger } from '@cabinet/platform/logging';
import { runProjectionGroup, type Projection, type ProjectionMonitor } from '@cabinet/platform/projections';
import {
  openSupportReadModels,
  SUPPORT_READ_MODELS,
  type SupportReadModels,
} from '../storage/supportReadModels.ts';

export interface SupportReadModelLeadershipOptions {
  readonly now: () => Date;
  readonly log: Logger;
  readonly monitor?: ProjectionMonitor;
  readonly timing?: LeadershipTiming;
  /** The projections the leader runs, on the read models opened through its fenced store. */
  readonly projections: (readModels: SupportReadModels) => readonly Projection[];
  /** Other work the leader alone does once its projections caught up, writing support's documents through `fenced` (e.g. sending notices). */
  readonly alsoLead?: (fenced: DocumentStore) => Promise<LeaderWork>;
}

/**
 * Support's read models (the customer's inbox, the operators' queue) and what else only one instance may
 * run are written by the one instance that leads them; the others stand by and serve reads. The leader's
 * read models and checkpoints are written fenced with its lease token. The lease is kept in support's
 * documents, which are synced to disk on every commit: the read models' own file may lose its last
 * moments to a power cut, and a lease rolled back with it would hand out a token some write was already
 * fenced with.
 */
export function leadSupportReadModels(
  stores: {
    readonly events: EventStore;
    readonly documents: DocumentStore;
    readonly readModelDocuments: DocumentStore;
  },
  options: SupportReadModelLeadershipOptions,
): Promise<ReadModelLeadership> {
  return leadReadModels({
    documents: stores.documents,
    readModels: SUPPORT_READ_MODELS,
    now: options.now,
    log: options.log,
    ...(options.timing === undefined ? {} : { timing: options.timing }),
    async lead(fenced, token) {
      const fencedReadModels = fencedWrites(stores.readModelDocuments, token);
      const readModels = await openSupportReadModels(fencedReadModels);
      const alongside = options.alsoLead;
      return runProjectionGroup(
        options.projections(readModels),
        { events: stores.events, documents: fencedReadModels },
        options.log,
        options.monitor,
        alongside && (() => alongside(fenced)),
      );
    },
  });
}
