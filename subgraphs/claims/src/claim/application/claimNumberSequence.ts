import {
  DuplicateKey,
  VersionConflict,
  type Collection,
  type DocumentStore,
} from '@cabinet/platform/documents';
import { formatClaimNumber } from '../domain/claimNumber.ts';

interface YearCounter {
  readonly last: number;
}

/** The number issued to a claim id, stored under the claim id. */
interface NumberReservation {
  readonly claimNumber: string;
}

const SEQUENCES = { name: 'claim_number_sequences', indexes: [] } as const;
const RESERVATIONS = {
  name: 'claim_number_reservations',
  indexes: [{ fields: ['claimNumber'], unique: true }],
} as const;

/**
 * Issues `У-<year>-<sequence>` numbers, one counter per year, safe under concurrent submissions.
 *
 * A number is reserved for a claim id before the claim is appended, and the reservation (unique by claim
 * id and by number) is what issues it; the year's counter only says where to start looking. So a
 * submission retried after a failed append, or two identical submissions racing, take the same number,
 * and a crash between the two writes loses nothing. One gap remains possible: a number reserved for a
 * submission whose append failed and that is never retried; `claimNumberMetrics` counts them.
 */
export class ClaimNumberSequence {
  private constructor(
    private readonly counters: Collection<YearCounter>,
    private readonly reservations: Collection<NumberReservation>,
  ) {}

  static async open(store: DocumentStore): Promise<ClaimNumberSequence> {
    return new ClaimNumberSequence(
      await store.collection<YearCounter>(SEQUENCES),
      await store.collection<NumberReservation>(RESERVATIONS),
    );
  }

  /** The number of the claim with this id: the one reserved for it, or the next free one of the year. */
  async numberFor(claimId: string, year: number): Promise<string> {
    const reserved = await this.reservations.get(claimId);
    if (reserved) return reserved.data.claimNumber;
    let sequence = ((await this.counters.get(String(year)))?.data.last ?? 0) + 1;
    for (;;) {
      const claimNumber = formatClaimNumber({ year, sequence });
      try {
        await this.reservations.insert(claimId, { claimNumber });
        await this.advanceCounter(year, sequence);
        return claimNumber;
      } catch (error) {
        if (!(error instanceof DuplicateKey)) throw error;
        const racing = await this.reservations.get(claimId);
        if (racing) return racing.data.claimNumber;
        sequence += 1;
      }
    }
  }

  /** How many numbers have been issued: one per claim id that reached the point of being appended. */
  reservedCount(): Promise<number> {
    return this.reservations.count();
  }

  /** Moves the year's counter up to `sequence` (never down: a later number may already be issued). */
  private async advanceCounter(year: number, sequence: number): Promise<void> {
    const id = String(year);
    for (;;) {
      const current = await this.counters.get(id);
      if (current && current.data.last >= sequence) return;
      try {
        if (current) await this.counters.replace(id, { last: sequence }, current.version);
        else await this.counters.insert(id, { last: sequence });
        return;
      } catch (error) {
        if (!(error instanceof DuplicateKey || error instanceof VersionConflict)) throw error;
      }
    }
  }
}
