import type { Collection, DocumentStore } from '@cabinet/platform/documents';
import type { PartnerClientRecord } from './partnerClient.ts';

const PARTNER_CLIENTS = { name: 'partner_clients', indexes: [] } as const;

export class PartnerRepository {
  private constructor(private readonly clients: Collection<PartnerClientRecord>) {}

  static async open(store: DocumentStore): Promise<PartnerRepository> {
    return new PartnerRepository(await store.collection<PartnerClientRecord>(PARTNER_CLIENTS));
  }

  async get(clientId: string): Promise<PartnerClientRecord | null> {
    return (await this.clients.get(clientId))?.data ?? null;
  }

  async insert(record: PartnerClientRecord): Promise<void> {
    await this.clients.insert(record.clientId, record);
  }

  count(): Promise<number> {
    return this.clients.count();
  }
}
