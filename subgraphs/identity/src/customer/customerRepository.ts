import type { Collection, DocumentStore } from '@cabinet/platform';
import type { CustomerRecord } from './customer.ts';

export const CUSTOMERS = {
  name: 'customers',
  indexes: [{ fields: ['snils'] }, { fields: ['inn'] }],
} as const;

export class CustomerRepository {
  private constructor(private readonly customers: Collection<CustomerRecord>) {}

  static async open(store: DocumentStore): Promise<CustomerRepository> {
    return new CustomerRepository(await store.collection<CustomerRecord>(CUSTOMERS));
  }

  async get(id: string): Promise<CustomerRecord | null> {
    return (await this.customers.get(id))?.data ?? null;
  }

  async insert(customer: CustomerRecord): Promise<void> {
    await this.customers.insert(customer.id, customer);
  }

  async count(): Promise<number> {
    return this.customers.count();
  }
}
