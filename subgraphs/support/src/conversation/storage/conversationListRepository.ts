import {
  DuplicateKey,
  VersionConflict,
  type Collection,
  type CollectionSpec,
  type Condition,
  type DocumentStore,
  type Page,
} from '@cabinet/platform/documents';
import { ERASED_MESSAGE_TEXT, ERASED_RATING_COMMENT } from '../domain/erasedTexts.ts';
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

function rowOf(summary: ConversationSummary): ConversationListRow {
  return {
    ...summary,
    waitingOrder: summary.waitingSince ?? NOT_WAITING,
    assigneeKey: summary.assigneeId ?? '',
  };
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

  /**
   * Writes the row `change` makes of the stored one (null: leave it), only over the very row it was
   * given: a row someone else rewrote in between (the erasure of a customer's texts, another process
   * keeping the same list) is read again and `change` decides anew, so it never writes over what it did
   * not see. Returns the summaries before and after, or null when nothing was written.
   */
  async update(
    conversationId: string,
    change: (stored: ConversationSummary | null) => ConversationSummary | null,
  ): Promise<{ before: ConversationSummary | null; after: ConversationSummary } | null> {
    for (;;) {
      const stored = await this.collection.get(conversationId);
      const before = stored?.data ?? null;
      const after = change(before);
      if (after === null) return null;
      try {
        if (stored === null) await this.collection.insert(conversationId, rowOf(after));
        else await this.collection.replace(conversationId, rowOf(after), stored.version);
        return { before, after };
      } catch (error) {
        if (!(error instanceof VersionConflict || error instanceof DuplicateKey)) throw error;
      }
    }
  }

  /** The ids of a customer's conversations; only the inbox, indexed by customer, answers it. */
  async conversationIdsOf(customerId: string): Promise<string[]> {
    const ids: string[] = [];
    let after: string | undefined;
    for (;;) {
      const page = await this.collection.find({
        where: { customerId },
        sort: [{ field: 'updatedAt', direction: 'asc' }],
        first: 500,
        ...(after === undefined ? {} : { after }),
      });
      ids.push(...page.items.map((item) => item.id));
      if (!page.hasNextPage || page.endCursor === null) return ids;
      after = page.endCursor;
    }
  }

  /**
   * Replaces the texts a row keeps (the last message and the rating comment) with the placeholders once
   * the customer's key was destroyed; the rest of the row stays. Returns how many rows it changed.
   */
  async eraseTextsOf(conversationIds: readonly string[]): Promise<number> {
    let erased = 0;
    for (const id of conversationIds) {
      for (;;) {
        const stored = await this.collection.get(id);
        if (!stored) break;
        const { lastMessage, rating } = stored.data;
        const row: ConversationListRow = {
          ...stored.data,
          lastMessage:
            lastMessage && lastMessage.side !== 'SYSTEM'
              ? { ...lastMessage, text: ERASED_MESSAGE_TEXT }
              : lastMessage,
          rating: rating?.comment ? { ...rating, comment: ERASED_RATING_COMMENT } : rating,
        };
        try {
          await this.collection.replace(id, row, stored.version);
          erased += 1;
          break;
        } catch (error) {
          if (!(error instanceof VersionConflict)) throw error;
        }
      }
    }
    return erased;
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
