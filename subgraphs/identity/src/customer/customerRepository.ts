import type { Collection, DocumentStore, StoredDocument } from '@cabinet/platform/documents';
import type { CustomerLookup } from '../signIn/customerLinking.ts';
import type { CustomerRecord } from './customer.ts';

export const CUSTOMERS = {
  name: 'customers',
  indexes: [
    { fields: ['snils'] },
    { fields: ['inn'] },
    { fields: ['esiaOid'] },
    { fields: ['passport.number'] },
  ],
} as const;

export class CustomerRepository {
  private constructor(private readonly customers: Collection<CustomerRecord>) {}

  static async open(store: DocumentStore): Promise<CustomerRepository> {
    return new CustomerRepository(await store.collection<CustomerRecord>(CUSTOMERS));
  }

  async get(id: string): Promise<CustomerRecord | null> {
    return (await this.customers.get(id))?.data ?? null;
  }

  async getStored(id: string): Promise<StoredDocument<CustomerRecord> | null> {
    return this.customers.get(id);
  }

  async insert(customer: CustomerRecord): Promise<void> {
    await this.customers.insert(customer.id, customer);
  }

  /** Throws VersionConflict when someone else changed the record since it was read. */
  async replace(customer: CustomerRecord, expectedVersion: number): Promise<void> {
    await this.customers.replace(customer.id, customer, expectedVersion);
  }

  async delete(id: string): Promise<boolean> {
    return this.customers.delete(id);
  }

  async count(): Promise<number> {
    return this.customers.count();
  }

  /** The first record a lookup finds; several matches mean the registry has duplicates, the oldest wins. */
  async find(lookup: CustomerLookup): Promise<StoredDocument<CustomerRecord> | null> {
    const where = ((): Record<string, string> => {
      switch (lookup.by) {
        case 'esiaOid':
          return { esiaOid: lookup.oid };
        case 'snils':
          return { snils: lookup.snils };
        case 'inn':
          return { inn: lookup.inn };
        case 'passport':
          return { 'passport.number': lookup.number };
      }
    })();
    const page = await this.customers.find({ where, first: 20 });
    const matches = page.items.filter(
      (item) =>
        lookup.by !== 'passport' ||
        (item.data.passport?.series === lookup.series && item.data.birthDate === lookup.birthDate),
    );
    return matches.sort((a, b) => a.data.createdAt.localeCompare(b.data.createdAt))[0] ?? null;
  }
}
