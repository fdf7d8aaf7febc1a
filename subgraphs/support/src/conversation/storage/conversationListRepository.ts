import type { Collection, CollectionSpec, Condition, DocumentStore, Page } from '@cabinet/platform/documents';
import type { ConversationSummary } from './conversationSummary.ts';

/** Sorts after every real time: conversations nobody waits on come last in the queue. */
export const NOT_WAITING = '9999-12-31T23:59:59.999Z';

/** A summary as a list stores it, with the keys its indexes sort and filter on. */
export interface ConversationListRow extends ConversationSummary {
  readonly waitingOrder: string;
  /** The assignee's id, or '' when unassigned. */
  readonly assigneeKey: string;
}

export const CUSTOMER_INBOX: CollectionSpec = {
  name: 'support_inbox',
  indexes: [
    { fields: ['customerId', 'updatedAt'] },
    { fields: ['customerId', 'subjectId', 'updatedAt'] },
    { fields: ['subjectId', 'updatedAt'] },
  ],
};

export const OPERATOR_QUEUE: CollectionSpec = {
  name: 'support_queue',
  indexes: [
    { fields: ['status', 'waitingOrder'] },
    { fields: ['status', 'topic', 'waitingOrder'] },
    { fields: ['status', 'assigneeKey', 'waitingOrder'] },
  ],
};

export interface ListQuery {
  readonly where: Readonly<Record<string, Condition>>;
  readonly sort: { readonly field: 'updatedAt' | 'waitingOrder'; readonly direction: 'asc' | 'desc' };
  readonly first: number;
  readonly after?: string | undefined;
}

/** One list of conversation summaries (the customer's inbox or the operators' queue), kept by a projection. */
export class ConversationListRepository {
  private constructor(readonly collection: Collection<ConversationListRow>) {}

  static async open(store: DocumentStore, spec: CollectionSpec): Promise<ConversationListRepository> {
    return new ConversationListRepository(await store.collection<ConversationListRow>(spec));
  }

  async get(conversationId: string): Promise<ConversationSummary | null> {
    return (await this.collection.get(conversationId))?.data ?? null;
  }

  save(summary: ConversationSummary): Promise<boolean> {
    const row: ConversationListRow = {
      ...summary,
      waitingOrder: summary.waitingSince ?? NOT_WAITING,
      assigneeKey: summary.assigneeId ?? '',
    };
    return this.collection.upsertIfNewer(summary.conversationId, row, summary.revision);
  }

  async find(query: ListQuery): Promise<{ page: Page<ConversationListRow>; totalCount: number }> {
    const [page, totalCount] = await Promise.all([
      this.collection.find({
        where: query.where,
        sort: [query.sort],
        first: query.first,
        ...(query.after ? { after: query.after } : {}),
      }),
      this.collection.count(query.where),
    ]);
    return { page, totalCount };
  }
}
