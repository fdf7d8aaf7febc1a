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

const CURSOR_PAGE = 200;

export class ClaimSummaryRepository {
  private constructor(readonly collection: Collection<ClaimSummary>) {}

  static async open(store: DocumentStore): Promise<ClaimSummaryRepository> {
    return new ClaimSummaryRepository(await store.collection<ClaimSummary>(CLAIM_SUMMARIES));
  }

  async get(claimId: string): Promise<ClaimSummary | null> {
    return (await this.collection.get(claimId))?.data ?? null;
  }

  /** How many claims the list holds. */
  count(): Promise<number> {
    return this.collection.count();
  }

  /** Writes only when `summary.revision` is newer than what is stored. */
  save(claimId: string, summary: ClaimSummary): Promise<boolean> {
    return this.collection.upsertIfNewer(claimId, summary, summary.revision);
  }

  /** Every claim of the customer with the log position of the last event applied to it. */
  async cursorsOfCustomer(customerId: string): Promise<{ claimId: string; cursor: string }[]> {
    const cursors: { claimId: string; cursor: string }[] = [];
    let after: string | undefined;
    for (;;) {
      const page = await this.collection.find({
        where: { customerId },
        first: CURSOR_PAGE,
        ...(after === undefined ? {} : { after }),
      });
      for (const { id, data } of page.items) cursors.push({ claimId: id, cursor: data.cursor });
      if (!page.hasNextPage || page.endCursor === null) return cursors;
      after = page.endCursor;
    }
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
