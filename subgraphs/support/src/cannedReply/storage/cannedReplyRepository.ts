import type { Collection, DocumentStore } from '@cabinet/platform/documents';
import type { CannedReply } from '../domain/cannedReply.ts';

const CANNED_REPLIES = { name: 'support_canned_replies', indexes: [{ fields: ['title'] }] } as const;

/** The most canned replies kept: the operators' list is read whole. */
export const MAX_CANNED_REPLIES = 500;

export class CannedReplyRepository {
  private constructor(private readonly collection: Collection<CannedReply>) {}

  static async open(store: DocumentStore): Promise<CannedReplyRepository> {
    return new CannedReplyRepository(await store.collection<CannedReply>(CANNED_REPLIES));
  }

  async all(): Promise<CannedReply[]> {
    const page = await this.collection.find({
      sort: [{ field: 'title', direction: 'asc' }],
      first: MAX_CANNED_REPLIES,
    });
    return page.items.map((item) => item.data);
  }

  async count(): Promise<number> {
    return this.collection.count();
  }

  async get(id: string): Promise<{ reply: CannedReply; version: number } | null> {
    const stored = await this.collection.get(id);
    return stored && { reply: stored.data, version: stored.version };
  }

  async insert(reply: CannedReply): Promise<void> {
    await this.collection.insert(reply.id, reply);
  }

  async replace(reply: CannedReply, version: number): Promise<void> {
    await this.collection.replace(reply.id, reply, version);
  }

  delete(id: string): Promise<boolean> {
    return this.collection.delete(id);
  }
}
