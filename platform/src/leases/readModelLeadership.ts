import { hostname } from 'node:os';
import { randomUUID } from 'node:crypto';
import { fencedWrites } from '../documents/fencedWrites.ts';
import type { DocumentStore } from '../documents/port.ts';
import type { Logger } from '../logging/logger.ts';
import { acquireLease, LeaseHeld, type HeldLease } from './exclusiveLease.ts';
import type { ReadModelLease } from './readModelLease.ts';

export interface LeadershipTiming {
  /** A leader that stopped renewing is replaced after this long. */
  readonly ttlMs: number;
  /** How often the leader renews and a standby tries to take over. */
  readonly renewEveryMs: number;
}

export const READ_MODEL_LEADERSHIP: LeadershipTiming = { ttlMs: 30_000, renewEveryMs: 10_000 };

/** What the leader runs: the projections writing the read models. */
export interface LeaderWork {
  /** False while one of the leader's projections is down (it restarts by itself). */
  readonly up: boolean;
  stop(): Promise<void>;
}

export interface ReadModelLeadership {
  /** The fencing token while this instance leads; undefined while it stands by. */
  readonly token: number | undefined;
  /** False while this instance leads and one of its projections is down; a standby serves reads. */
  readonly up: boolean;
  stop(): Promise<void>;
}

export interface LeadReadModelsOptions {
  readonly documents: DocumentStore;
  readonly readModels: ReadModelLease;
  readonly now: () => Date;
  readonly log: Logger;
  readonly timing?: LeadershipTiming;
  /**
   * Starts the projections, every write through `fenced` (the store fenced with this leadership's
   * token); resolves once they have caught up.
   */
  lead(fenced: DocumentStore, token: number): Promise<LeaderWork>;
}

/**
 * One writer of a service's read models however many instances run: each instance holds the lease
 * under its own holder id (`<service> <host>:<pid>:<nonce>`); the one that gets it runs the
 * projections with the lease's fencing token, the others stand by and try again every renewal period,
 * so one of them takes over once a dead leader's lease lapses (at once when the leader was a process
 * on the same host that is gone). A leader that finds its lease taken stops its projections; anything
 * it still writes is refused by the fence. Start-up fails while a rebuild holds the read models.
 */
export async function leadReadModels(options: LeadReadModelsOptions): Promise<ReadModelLeadership> {
  const { documents, readModels, log } = options;
  const timing = options.timing ?? READ_MODEL_LEADERSHIP;
  const holder = `${readModels.service} ${hostname()}:${process.pid}:${randomUUID().slice(0, 8)}`;
  const isInstance = (other: string) =>
    other === readModels.service || other.startsWith(`${readModels.service} `);
  let lease: HeldLease | undefined;
  let work: Promise<LeaderWork | undefined> = Promise.resolve(undefined);
  let started: LeaderWork | undefined;
  let standingBy: string | undefined;

  const tryToLead = async (starting: boolean): Promise<void> => {
    try {
      lease = await acquireLease(documents, readModels.lease, {
        holder,
        ttlMs: timing.ttlMs,
        now: options.now,
        isGone: (other) => isInstance(other) && isGoneFromThisHost(other),
      });
    } catch (error) {
      if (!(error instanceof LeaseHeld)) throw error;
      if (!isInstance(error.holder) && starting)
        throw new Error(
          `the read models are being rebuilt by ${error.holder} (lease until ${error.heldUntil.toISOString()}); start ${readModels.service} after the rebuild`,
        );
      if (standingBy !== error.holder)
        log.info({ leader: error.holder }, 'standing by: another holder writes the read models');
      standingBy = error.holder;
      return;
    }
    standingBy = undefined;
    const { token } = lease;
    log.info({ holder, token }, 'leading the read models');
    work = options.lead(fencedWrites(documents, token), token).then(
      (leading) => (started = leading),
      async (error: unknown) => {
        log.error(
          { err: error },
          'read model projections did not start; leaving the lead to another instance',
        );
        await giveUp();
        return undefined;
      },
    );
  };

  const giveUp = async (): Promise<void> => {
    const held = lease;
    lease = undefined;
    await held
      ?.release()
      .catch((error: unknown) => log.error({ err: error }, 'read model lease not released'));
  };

  const step = async (): Promise<void> => {
    if (lease === undefined) return tryToLead(false);
    try {
      await lease.renew();
    } catch (error) {
      if (!(error instanceof LeaseHeld)) {
        log.error({ err: error }, 'read model lease not renewed');
        return;
      }
      log.warn({ leader: error.holder }, 'read model lease lost: stopping the projections and standing by');
      lease = undefined;
      const lost = await work;
      work = Promise.resolve(undefined);
      started = undefined;
      await lost?.stop();
    }
  };

  await tryToLead(true);
  await work;
  let stepping = Promise.resolve();
  const timer = setInterval(() => {
    stepping = stepping
      .then(step)
      .catch((error: unknown) => log.error({ err: error }, 'read model leadership'));
  }, timing.renewEveryMs);
  timer.unref();
  return {
    get token() {
      return lease?.token;
    },
    get up() {
      return lease === undefined || started === undefined || started.up;
    },
    async stop() {
      clearInterval(timer);
      await stepping;
      await (await work)?.stop();
      await giveUp();
    },
  };
}

/** A holder id of a process of this host that is gone. */
function isGoneFromThisHost(holder: string): boolean {
  const match = /\s(\S+):(\d+):[0-9a-f]+$/.exec(holder);
  if (match === null || match[1] !== hostname()) return false;
  try {
    process.kill(Number(match[2]), 0);
    return false;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'ESRCH';
  }
}
