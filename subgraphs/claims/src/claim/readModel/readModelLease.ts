import type { DocumentStore } from '@cabinet/platform/documents';
import { acquireLease, LeaseHeld, type HeldLease } from '@cabinet/platform/leases';
import type { Logger } from '@cabinet/platform/logging';

const READ_MODEL_LEASE = 'claims-read-models';
/** Every claims instance holds it under this one name, so one restarted after a crash takes it back at once. */
const SERVICE_HOLDER = 'the claims service';
const TTL_MS = 30_000;
const RENEW_EVERY_MS = 10_000;

/**
 * Held while the claims service runs its projections, renewed as long as it runs: a rebuild of the read
 * models beside running projections would interleave their writes.
 */
export async function holdReadModelsForService(
  documents: DocumentStore,
  now: () => Date,
  log: Logger,
): Promise<{ release(): Promise<void> }> {
  let lease: HeldLease;
  try {
    lease = await acquireLease(documents, READ_MODEL_LEASE, { holder: SERVICE_HOLDER, ttlMs: TTL_MS, now });
  } catch (error) {
    if (!(error instanceof LeaseHeld)) throw error;
    throw new Error(
      `the read models are being rebuilt by ${error.holder} (lease until ${error.heldUntil.toISOString()}); start claims after the rebuild`,
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
  holder: string,
  now: () => Date,
): Promise<HeldLease> {
  return acquireLease(documents, READ_MODEL_LEASE, { holder, ttlMs: TTL_MS, now });
}
