import type { Collection, DocumentStore, FindQuery, Page } from '@cabinet/platform/documents';
import type { ClaimStatus } from '../domain/claimStatus.ts';
import type { ClaimSummary } from './claimSummary.ts';

export const CLAIM_SUMMARIES = {
  name: 'claim_summaries',
  indexes: [
    { fields: ['customerId', 'submittedAt'] },
    { fields: ['claimNumber'], unique: true },
    { fields: ['status', 'nextDeadlineOn'] },
    { fields: ['product'] },
    { fields: ['adjusterId'] },
    { fields: ['soldByPartnerId'] },
  ],
} as const;

export class ClaimSummaryRepository {
  private constructor(readonly collection: Collection<ClaimSummary>) {}

  static async open(store: DocumentStore): Promise<ClaimSummaryRepository> {
    return new ClaimSummaryRepository(await store.collection<ClaimSummary>(CLAIM_SUMMARIES));
  }

  async get(claimId: string): Promise<ClaimSummary | null> {
    return (await this.collection.get(claimId))?.data ?? null;
  }

  /** Writes only when `summary.revision` is newer than what is stored. */
  save(claimId: string, summary: ClaimSummary): Promise<boolean> {
    return this.collection.upsertIfNewer(claimId, summary, summary.revision);
  }

  async ofCustomer(query: {
    customerId: string;
    status?: ClaimStatus | undefined;
    first: number;
    after?: string | undefined;
  }): Promise<{ page: Page<ClaimSummary>; totalCount: number }> {
    const where: FindQuery['where'] = {
      customerId: query.customerId,
      ...(query.status ? { status: query.status } : {}),
    };
    const [page, totalCount] = await Promise.all([
      this.collection.find({
        where,
        sort: [{ field: 'submittedAt', direction: 'desc' }],
        first: query.first,
        ...(query.after ? { after: query.after } : {}),
      }),
      this.collection.count(where),
    ]);
    return { page, totalCount };
  }
}
