import { DuplicateKey, VersionConflict, type DocumentStore } from '../documents/port.ts';

interface LeaseRecord {
  readonly holder: string;
  readonly heldUntil: string;
}

const LEASES = { name: 'exclusive_leases', indexes: [] } as const;

export interface LeaseOptions {
  /**
   * Who holds it, as an operator reads it. Holders with the same name share the lease: a service that
   * restarts after a crash takes its own lease back at once.
   */
  readonly holder: string;
  /** How long a lease lasts without renewal: a holder that died frees it after this long. */
  readonly ttlMs: number;
  readonly now: () => Date;
}

/** Someone else holds the lease. */
export class LeaseHeld extends Error {
  constructor(
    readonly holder: string,
    readonly heldUntil: Date,
  ) {
    super(`held by ${holder} until ${heldUntil.toISOString()}`);
  }
}

export interface HeldLease {
  /** Extends the lease by its time to live; LeaseHeld if someone else took it meanwhile. */
  renew(): Promise<void>;
  release(): Promise<void>;
}

/**
 * A named lease in the document store, so two kinds of process that must not work on the same data at
 * once (a running service and a rebuild of its read models) find out, whichever store backs them.
 */
export async function acquireLease(
  documents: DocumentStore,
  name: string,
  options: LeaseOptions,
): Promise<HeldLease> {
  const leases = await documents.collection<LeaseRecord>(LEASES);
  const record = (): LeaseRecord => ({
    holder: options.holder,
    heldUntil: new Date(options.now().getTime() + options.ttlMs).toISOString(),
  });

  const take = async (): Promise<void> => {
    for (;;) {
      const stored = await leases.get(name);
      if (stored && stored.data.holder !== options.holder) {
        const heldUntil = new Date(stored.data.heldUntil);
        if (heldUntil.getTime() > options.now().getTime()) throw new LeaseHeld(stored.data.holder, heldUntil);
      }
      try {
        if (stored) await leases.replace(name, record(), stored.version);
        else await leases.insert(name, record());
        return;
      } catch (error) {
        // Someone wrote in between: read again and decide again.
        if (!(error instanceof VersionConflict) && !(error instanceof DuplicateKey)) throw error;
      }
    }
  };

  await take();
  return {
    renew: take,
    async release() {
      const stored = await leases.get(name);
      if (stored?.data.holder === options.holder) await leases.delete(name);
    },
  };
}
