import type { Collection, DocumentStore } from '@cabinet/platform/documents';
import type { PaymentMethod } from './domain/index.ts';

const PAYMENT_METHODS = {
  name: 'paymentMethods',
  indexes: [{ fields: ['customerId', 'addedAt'] }],
} as const;

/** A customer links a handful of cards; more than this is not a wallet we need to page through. */
const MAX_METHODS_LISTED = 50;

export class PaymentMethodRepository {
  private constructor(private readonly methods: Collection<PaymentMethod>) {}

  static async open(store: DocumentStore): Promise<PaymentMethodRepository> {
    return new PaymentMethodRepository(await store.collection<PaymentMethod>(PAYMENT_METHODS));
  }

  async get(id: string): Promise<PaymentMethod | undefined> {
    return (await this.methods.get(id))?.data;
  }

  async ofCustomer(customerId: string): Promise<PaymentMethod[]> {
    const page = await this.methods.find({
      where: { customerId },
      sort: [{ field: 'addedAt', direction: 'asc' }],
      first: MAX_METHODS_LISTED,
    });
    return page.items.map((item) => item.data);
  }

  async insert(method: PaymentMethod): Promise<void> {
    await this.methods.insert(method.id, method);
  }

  async delete(id: string): Promise<boolean> {
    return this.methods.delete(id);
  }
}
