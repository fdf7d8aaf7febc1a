import { VersionConflict, type Collection, type DocumentStore } from '@cabinet/platform/documents';

/** A scheduled erasure of one customer's personal data after they revoked consent. */
export interface ErasureRecord {
  readonly customerId: string;
  readonly requestedAt: string;
  readonly eraseAt: string;
  /** The legal deadline (30 days after revocation). */
  readonly dueBy: string;
  readonly erasedAt: string | null;
  /**
   * When the customer accepted the consent again before the erasure ran; the record stays as the
   * proof of what happened to the revocation (Приказ РКН №179). Absent on records written before
   * an erasure could be cancelled.
   */
  readonly cancelledAt?: string | null;
}

const ERASURES = {
  name: 'erasures',
  indexes: [{ fields: ['erasedAt'] }, { fields: ['eraseAt'] }, { fields: ['cancelledAt'] }],
} as const;

/** Scheduled, and neither done nor cancelled. */
export function isErasurePending(record: ErasureRecord): boolean {
  return record.erasedAt === null && !record.cancelledAt;
}

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
