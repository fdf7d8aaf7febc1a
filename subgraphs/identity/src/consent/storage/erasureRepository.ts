import { VersionConflict, type Collection, type DocumentStore } from '@cabinet/platform/documents';
import { isErasurePending, type ErasureRecord } from '../domain/erasure.ts';

const ERASURES = {
  name: 'erasures',
  indexes: [{ fields: ['erasedAt'] }, { fields: ['eraseAt'] }, { fields: ['cancelledAt'] }],
} as const;

export class ErasureRepository {
  private constructor(private readonly erasures: Collection<ErasureRecord>) {}

  static async open(store: DocumentStore): Promise<ErasureRepository> {
    return new ErasureRepository(await store.collection<ErasureRecord>(ERASURES));
  }

  get(customerId: string): Promise<ErasureRecord | null> {
    return this.erasures.get(customerId).then((stored) => stored?.data ?? null);
  }

  /**
   * A second revocation keeps the first, earlier schedule; a revocation after a cancelled one
   * schedules anew (the activity log keeps the cancellation).
   */
  async schedule(record: ErasureRecord): Promise<ErasureRecord> {
    const existing = await this.erasures.get(record.customerId);
    if (existing && isErasurePending(existing.data)) return existing.data;
    if (existing) await this.erasures.replace(record.customerId, record, existing.version);
    else await this.erasures.insert(record.customerId, record);
    return record;
  }

  async due(now: Date, first: number): Promise<ErasureRecord[]> {
    const page = await this.erasures.find({
      where: { erasedAt: null, cancelledAt: null, eraseAt: { lte: now.toISOString() } },
      first,
    });
    return page.items.map((item) => item.data);
  }

  /** Cancels the customer's erasure if one is scheduled and not done yet; returns the cancelled record. */
  async cancel(customerId: string, at: Date): Promise<ErasureRecord | null> {
    for (;;) {
      const stored = await this.erasures.get(customerId);
      if (!stored || !isErasurePending(stored.data)) return null;
      const cancelled: ErasureRecord = { ...stored.data, cancelledAt: at.toISOString() };
      try {
        await this.erasures.replace(customerId, cancelled, stored.version);
        return cancelled;
      } catch (error) {
        if (!(error instanceof VersionConflict)) throw error;
      }
    }
  }

  async markErased(customerId: string, at: Date): Promise<void> {
    const stored = await this.erasures.get(customerId);
    if (stored)
      await this.erasures.replace(customerId, { ...stored.data, erasedAt: at.toISOString() }, stored.version);
  }
}
