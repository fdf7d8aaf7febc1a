import type { DocumentStore } from '../documents/port.ts';
import { acquireLease, type HeldLease } from './exclusiveLease.ts';

const TTL_MS = 30_000;

/** A service's read models: the lease its running service and a rebuild of them share. */
export interface ReadModelLease {
  /** The lease's name, e.g. `claims-read-models`. */
  readonly lease: string;
  /** The service as an operator reads it; each instance holds the lease as `<service> <host>:<pid>:<nonce>` (readModelLeadership.ts). */
  readonly service: string;
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
