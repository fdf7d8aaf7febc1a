import {
  DuplicateKey,
  VersionConflict,
  type Collection,
  type DocumentStore,
} from '@cabinet/platform/documents';
import { osagoPolicyNumber, type Product } from './domain/index.ts';

interface Counter {
  readonly value: number;
}

const COUNTERS = { name: 'policyNumberCounters', indexes: [] } as const;

/**
 * One sequence per product, kept in storage. A number is taken by a version-checked increment, so
 * two renewals at the same moment never get the same number (the unique index on policies.number
 * would refuse it anyway).
 */
export class PolicyNumbers {
  private constructor(private readonly counters: Collection<Counter>) {}

  static async open(store: DocumentStore): Promise<PolicyNumbers> {
    return new PolicyNumbers(await store.collection<Counter>(COUNTERS));
  }

  /** Continues a sequence from `value` (after seeding a registry); never moves a counter backwards. */
  async advanceTo(product: Product, value: number): Promise<void> {
    for (;;) {
      const stored = await this.counters.get(product);
      try {
        if (!stored) await this.counters.insert(product, { value });
        else if (stored.data.value < value) await this.counters.replace(product, { value }, stored.version);
        return;
      } catch (error) {
        if (!isContention(error)) throw error;
      }
    }
  }

  private async next(product: Product): Promise<number> {
    for (;;) {
      const stored = await this.counters.get(product);
      const value = (stored?.data.value ?? 0) + 1;
      try {
        if (stored) await this.counters.replace(product, { value }, stored.version);
        else await this.counters.insert(product, { value });
        return value;
      } catch (error) {
        if (!isContention(error)) throw error;
      }
    }
  }

  async newOsagoNumber(): Promise<string> {
    return osagoPolicyNumber(await this.next('OSAGO'));
  }
}

function isContention(error: unknown): boolean {
  return error instanceof VersionConflict || error instanceof DuplicateKey;
}
