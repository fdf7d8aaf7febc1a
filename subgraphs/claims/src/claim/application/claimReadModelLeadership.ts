import type { DocumentStore } from '@cabinet/platform/documents';
import type { EventStore } from '@cabinet/platform/eventstore';
import {
  leadReadModels,
  type LeaderWork,
  type LeadershipTiming,
  type ReadModelLeadership,
} from '@cabinet/platform/leases';
import type { Logger } from '@cabinet/platform/logging';
import { runProjectionGroup, type Projection, type ProjectionMonitor } from '@cabinet/platform/projections';
import { CLAIM_READ_MODELS, openClaimReadModels, type ClaimReadModels } from '../storage/claimReadModels.ts';

export interface ClaimReadModelLeadershipOptions {
  readonly now: () => Date;
  readonly log: Logger;
  readonly monitor?: ProjectionMonitor;
  readonly timing?: LeadershipTiming;
  /** More projections the leader alone runs, beside the read models' (e.g. reactions that write them). */
  readonly alsoRun?: (readModels: ClaimReadModels) => Promise<readonly Projection[]>;
  /** Other work the leader alone does once its projections caught up, writing through `fenced` (e.g. sending notices). */
  readonly alsoLead?: (fenced: DocumentStore) => Promise<LeaderWork>;
}

/**
 * Claims' read models (and what else only one instance may run) are written by the one instance that
 * leads them; the others stand by and serve reads. The leader's read models and checkpoints are written
 * fenced with its lease token.
 */
export function leadClaimReadModels(
  stores: { readonly events: EventStore; readonly documents: DocumentStore },
  options: ClaimReadModelLeadershipOptions,
): Promise<ReadModelLeadership> {
  return leadReadModels({
    documents: stores.documents,
    readModels: CLAIM_READ_MODELS,
    now: options.now,
    log: options.log,
    ...(options.timing === undefined ? {} : { timing: options.timing }),
    async lead(fenced) {
      const readModels = await openClaimReadModels(fenced);
      const projections = [...readModels.projections, ...((await options.alsoRun?.(readModels)) ?? [])];
      const alongside = options.alsoLead;
      return runProjectionGroup(
        projections,
        { events: stores.events, documents: fenced },
        options.log,
        options.monitor,
        alongside && (() => alongside(fenced)),
      );
    },
  });
}
