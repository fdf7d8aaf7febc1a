import type { Collection, Condition, DocumentStore, Page } from '@cabinet/platform/documents';
import type { CalendarDate } from '@cabinet/kernel';
import type { InsuranceProduct } from '../domain/claimEvents.ts';
import type { ClaimStatus } from '../domain/claimStatus.ts';
import type { ClaimQueueRow } from './claimQueue.ts';

export const CLAIM_QUEUE = {
  name: 'claim_queue',
  indexes: [
    { fields: ['dueOn'] },
    { fields: ['status', 'dueOn'] },
    { fields: ['product', 'dueOn'] },
    { fields: ['adjusterId', 'dueOn'] },
  ],
} as const;

export interface ClaimQueueFilter {
  readonly status?: ClaimStatus | undefined;
  readonly product?: InsuranceProduct | undefined;
  readonly adjusterId?: string | undefined;
  /** true: a deadline's day is before `today`; false: none is. */
  readonly overdue?: boolean | undefined;
  readonly today: CalendarDate;
}

export class ClaimQueueRepository {
  private constructor(readonly collection: Collection<ClaimQueueRow>) {}

  static async open(store: DocumentStore): Promise<ClaimQueueRepository> {
    return new ClaimQueueRepository(await store.collection<ClaimQueueRow>(CLAIM_QUEUE));
  }

  async get(claimId: string): Promise<ClaimQueueRow | null> {
    return (await this.collection.get(claimId))?.data ?? null;
  }

  save(claimId: string, row: ClaimQueueRow): Promise<boolean> {
    return this.collection.upsertIfNewer(claimId, row, row.revision);
  }

  /** Earliest due first; claims without a running deadline last. */
  async find(
    filter: ClaimQueueFilter,
    paging: { first: number; after?: string | undefined },
  ): Promise<{ page: Page<ClaimQueueRow>; totalCount: number }> {
    const where: Record<string, Condition> = {
      ...(filter.status ? { status: filter.status } : {}),
      ...(filter.product ? { product: filter.product } : {}),
      ...(filter.adjusterId ? { adjusterId: filter.adjusterId } : {}),
      ...(filter.overdue === true ? { dueOn: { lt: filter.today } } : {}),
      ...(filter.overdue === false ? { dueOn: { gte: filter.today } } : {}),
    };
    const [page, totalCount] = await Promise.all([
      this.collection.find({
        where,
        sort: [{ field: 'dueOn', direction: 'asc' }],
        first: paging.first,
        ...(paging.after ? { after: paging.after } : {}),
      }),
      this.collection.count(where),
    ]);
    return { page, totalCount };
  }
}
