import type { Collection, DocumentStore } from '@cabinet/platform/documents';
import type { ConsentRecord } from './consentRecord.ts';

const CONSENTS = { name: 'consents', indexes: [{ fields: ['customerId'] }, { fields: ['at'] }] } as const;

export class ConsentRepository {
  private constructor(private readonly consents: Collection<ConsentRecord>) {}

  static async open(store: DocumentStore): Promise<ConsentRepository> {
    return new ConsentRepository(await store.collection<ConsentRecord>(CONSENTS));
  }

  async append(record: ConsentRecord): Promise<void> {
    await this.consents.insert(record.id, record);
  }

  /** The customer's whole history, newest first. */
  async historyOf(customerId: string): Promise<ConsentRecord[]> {
    const records: ConsentRecord[] = [];
    let after: string | undefined;
    for (;;) {
      const page = await this.consents.find({
        where: { customerId },
        sort: [{ field: 'at', direction: 'desc' }],
        first: 100,
        ...(after ? { after } : {}),
      });
      records.push(...page.items.map((item) => item.data));
      if (!page.hasNextPage || !page.endCursor) return records;
      after = page.endCursor;
    }
  }
}
