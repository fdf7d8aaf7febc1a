import { DuplicateKey, VersionConflict, type DocumentStore } from '../documents/port.ts';

interface LeaseRecord {
  readonly holder: string;
  readonly heldUntil: string;
  /** Grows by one whenever the lease changes hands; leases written before it count from 0. */
  readonly token?: number;
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
  /** A holder known to be gone (e.g. a dead process on this host) loses the lease at once. */
  readonly isGone?: (holder: string) => boolean;
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
  /**
   * The fencing token: greater than every token of an earlier holder, so writes fenced with it
   * (see the document store's CollectionOptions) refuse a former holder's.
   */
  readonly token: number;
  /** Extends the lease by its time to live; LeaseHeld if someone else took it meanwhile. */
  renew(): Promise<void>;
  /** Lets the next holder take it at once; the record stays, so the token keeps growing. */
  release(): Promise<void>;
}

/**
 * A named lease in the document store, so two kinds of process that must not work on the same data at
 * once (a running service and a rebuild of its read models, or two instances of a service) find out,
 * whichever store backs them.
 */
export async function acquireLease(
  documents: DocumentStore,
  name: string,
  options: LeaseOptions,
): Promise<HeldLease> {
  const leases = await documents.collection<LeaseRecord>(LEASES);
  const heldUntil = () => new Date(options.now().getTime() + options.ttlMs).toISOString();

  /** Writes `next` from what is stored, reading again whenever someone wrote in between. */
  const write = async (next: (stored: LeaseRecord | undefined) => LeaseRecord): Promise<LeaseRecord> => {
    for (;;) {
      const stored = await leases.get(name);
      const record = next(stored?.data);
      try {
        if (stored) await leases.replace(name, record, stored.version);
        else await leases.insert(name, record);
        return record;
      } catch (error) {
        if (!(error instanceof VersionConflict) && !(error instanceof DuplicateKey)) throw error;
      }
    }
  };

  const taken = await write((stored) => {
    if (stored === undefined) return { holder: options.holder, heldUntil: heldUntil(), token: 1 };
    const token = stored.token ?? 0;
    if (stored.holder === options.holder) return { holder: options.holder, heldUntil: heldUntil(), token };
    const until = new Date(stored.heldUntil);
    if (until.getTime() > options.now().getTime() && options.isGone?.(stored.holder) !== true)
      throw new LeaseHeld(stored.holder, until);
    return { holder: options.holder, heldUntil: heldUntil(), token: token + 1 };
  });
  const token = taken.token ?? 0;
  const ours = (stored: LeaseRecord): boolean =>
    stored.holder === options.holder && (stored.token ?? 0) === token;

  return {
    token,
    async renew() {
      await write((stored) => {
        if (stored === undefined || !ours(stored))
          throw new LeaseHeld(stored?.holder ?? 'nobody', new Date(stored?.heldUntil ?? options.now()));
        return { ...stored, heldUntil: heldUntil() };
      });
    },
    async release() {
      const stored = await leases.get(name);
      if (!stored || !ours(stored.data)) return;
      await leases
        .replace(name, { ...stored.data, heldUntil: options.now().toISOString() }, stored.version)
        .catch((error: unknown) => {
          // Someone took it meanwhile: it is theirs now.
          if (!(error instanceof VersionConflict)) throw error;
        });
    },
  };
}
