import {
  DuplicateKey,
  VersionConflict,
  type Collection,
  type CollectionSpec,
  type DocumentStore,
} from '@cabinet/platform/documents';
import { admitCustomerMessage, type CountedMessage } from '../domain/customerMessageRate.ts';

interface CountedMessages {
  readonly messages: readonly CountedMessage[];
}

const CUSTOMER_MESSAGE_RATES: CollectionSpec = { name: 'support_customer_message_rates', indexes: [] };

/**
 * Each customer's messages of the last minute, across all their conversations: a message is counted
 * before it is written (so two sent at once to different conversations cannot both slip under the
 * limit) and withdrawn when it then is not written.
 */
export class CustomerMessageRateRepository {
  private constructor(private readonly collection: Collection<CountedMessages>) {}

  static async open(store: DocumentStore): Promise<CustomerMessageRateRepository> {
    return new CustomerMessageRateRepository(await store.collection<CountedMessages>(CUSTOMER_MESSAGE_RATES));
  }

  /**
   * Counts the message, or refuses it over the limit (SUPPORT_MESSAGE_RATE_LIMITED) writing nothing.
   * Returns false when it was already counted (a retried send), so there is nothing to withdraw.
   */
  async count(customerId: string, messageId: string, now: Date, perMinute: number): Promise<boolean> {
    return this.change(customerId, (messages) => admitCustomerMessage(messages, messageId, now, perMinute));
  }

  /** Withdraws a counted message that was not written after all. */
  async withdraw(customerId: string, messageId: string): Promise<void> {
    await this.change(customerId, (messages) =>
      messages.some((message) => message.messageId === messageId)
        ? messages.filter((message) => message.messageId !== messageId)
        : null,
    );
  }

  /** Applies `change` (null: none) over the stored messages, again on a concurrent change. */
  private async change(
    customerId: string,
    change: (messages: readonly CountedMessage[]) => CountedMessage[] | null,
  ): Promise<boolean> {
    for (;;) {
      const stored = await this.collection.get(customerId);
      const messages = change(stored?.data.messages ?? []);
      if (messages === null) return false;
      try {
        if (stored === null) await this.collection.insert(customerId, { messages });
        else await this.collection.replace(customerId, { messages }, stored.version);
        return true;
      } catch (error) {
        if (!(error instanceof VersionConflict || error instanceof DuplicateKey)) throw error;
      }
    }
  }
}
