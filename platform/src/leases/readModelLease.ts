import type { DocumentStore } from '../documents/port.ts';
import type { Logger } from '../logging/logger.ts';
import { acquireLease, LeaseHeld, type HeldLease } from './exclusiveLease.ts';

const TTL_MS = 30_000;
const RENEW_EVERY_MS = 10_000;

/** A service's read models: the lease its running service and a rebuild of them share. */
export interface ReadModelLease {
  /** The lease's name, e.g. `claims-read-models`. */
  readonly lease: string;
  /** The service as an operator reads it; every instance uses it, so one restarted after a crash takes the lease back at once. */
  readonly service: string;
}

/**
 * Held while the service runs its projections, renewed as long as it runs: a rebuild of the read
 * models beside running projections would interleave their writes.
 */
export async function holdReadModelsForService(
  documents: DocumentStore,
  readModels: ReadModelLease,
  now: () => Date,
  log: Logger,
): Promise<{ release(): Promise<void> }> {
  let lease: HeldLease;
  try {
    lease = await acquireLease(documents, readModels.lease, {
      holder: readModels.service,
      ttlMs: TTL_MS,
      now,
    });
  } catch (error) {
    if (!(error instanceof LeaseHeld)) throw error;
    throw new Error(
      `the read models are being rebuilt by ${error.holder} (lease until ${error.heldUntil.toISOString()}); start ${readModels.service} after the rebuild`,
    );
  }
  const renewal = setInterval(() => {
    lease.renew().catch((error: unknown) => log.error({ err: error }, 'read model lease not renewed'));
  }, RENEW_EVERY_MS);
  renewal.unref();
  return {
    async release() {
      clearInterval(renewal);
      await lease.release();
    },
  };
}

/** Held by a rebuild; LeaseHeld while the service (or another rebuild) holds it. */
export function holdReadModelsForRebuild(
  documents: DocumentStore,
  readModels: ReadModelLease,
  holder: string,
  now: () => Date,
): Promise<HeldLease> {
  return acquireLease(documents, readModels.lease, { holder, ttlMs: TTL_MS, now });
}
