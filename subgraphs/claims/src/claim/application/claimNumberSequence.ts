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

const SEQUENCES = { name: 'claim_number_sequences', indexes: [] } as const;

/** Issues `У-<year>-<sequence>` numbers, one counter per year, safe under concurrent submissions. */
export class ClaimNumberSequence {
  private constructor(private readonly counters: Collection<YearCounter>) {}

  static async open(store: DocumentStore): Promise<ClaimNumberSequence> {
    return new ClaimNumberSequence(await store.collection<YearCounter>(SEQUENCES));
  }

  async next(year: number): Promise<string> {
    const id = String(year);
    for (;;) {
      const current = await this.counters.get(id);
      try {
        if (!current) {
          await this.counters.insert(id, { last: 1 });
          return formatClaimNumber({ year, sequence: 1 });
        }
        const sequence = current.data.last + 1;
        await this.counters.replace(id, { last: sequence }, current.version);
        return formatClaimNumber({ year, sequence });
      } catch (error) {
        if (error instanceof DuplicateKey || error instanceof VersionConflict) continue;
        throw error;
      }
    }
  }
}
