import { DuplicateKey, type Collection, type DocumentStore } from '../documents/index.ts';

/** A push notice for the customer's devices, kept as a record the mobile apps fetch. */
export interface PushMessage {
  readonly customerId: string;
  /** What the notice is about: a claim's or a conversation's id. */
  readonly subjectId: string;
  readonly title: string;
  readonly body: string;
  readonly link: string;
  readonly createdAt: string;
}

const PUSH_MESSAGES = { name: 'push_messages', indexes: [{ fields: ['customerId', 'createdAt'] }] } as const;

export class PushMessages {
  private constructor(readonly messages: Collection<PushMessage>) {}

  static async open(store: DocumentStore): Promise<PushMessages> {
    return new PushMessages(await store.collection<PushMessage>(PUSH_MESSAGES));
  }

  /** Recording the same notification again (a retried attempt) leaves the first record alone. */
  async record(id: string, message: PushMessage): Promise<void> {
    try {
      await this.messages.insert(id, message);
    } catch (error) {
      if (!(error instanceof DuplicateKey)) throw error;
    }
  }

  async ofCustomer(customerId: string, first = 100): Promise<PushMessage[]> {
    const page = await this.messages.find({
      where: { customerId },
      sort: [{ field: 'createdAt', direction: 'asc' }],
      first,
    });
    return page.items.map((item) => item.data);
  }
}
