import type { Collection, DocumentStore } from '@cabinet/platform';

/** A scheduled erasure of one customer's personal data after they revoked consent. */
export interface ErasureRecord {
  readonly customerId: string;
  readonly requestedAt: string;
  readonly eraseAt: string;
  /** The legal deadline (30 days after revocation). */
  readonly dueBy: string;
  readonly erasedAt: string | null;
}

const ERASURES = { name: 'erasures', indexes: [{ fields: ['erasedAt'] }, { fields: ['eraseAt'] }] } as const;

export class ErasureRepository {
  private constructor(private readonly erasures: Collection<ErasureRecord>) {}

  static async open(store: DocumentStore): Promise<ErasureRepository> {
    return new ErasureRepository(await store.collection<ErasureRecord>(ERASURES));
  }

  get(customerId: string): Promise<ErasureRecord | null> {
    return this.erasures.get(customerId).then((stored) => stored?.data ?? null);
  }

  /** A second revocation keeps the first, earlier schedule. */
  async schedule(record: ErasureRecord): Promise<ErasureRecord> {
    const existing = await this.erasures.get(record.customerId);
    if (existing && existing.data.erasedAt === null) return existing.data;
    if (existing) await this.erasures.replace(record.customerId, record, existing.version);
    else await this.erasures.insert(record.customerId, record);
    return record;
  }

  async due(now: Date, first: number): Promise<ErasureRecord[]> {
    const page = await this.erasures.find({
      where: { erasedAt: null, eraseAt: { lte: now.toISOString() } },
      first,
    });
    return page.items.map((item) => item.data);
  }

  async markErased(customerId: string, at: Date): Promise<void> {
    const stored = await this.erasures.get(customerId);
    if (stored)
      await this.erasures.replace(customerId, { ...stored.data, erasedAt: at.toISOString() }, stored.version);
  }
}
