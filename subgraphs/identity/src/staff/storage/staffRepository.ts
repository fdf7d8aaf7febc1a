import { isUuid } from '@cabinet/kernel';
import type { Collection, DocumentStore } from '@cabinet/platform/documents';
import type { StaffRecord } from '../domain/staffRecord.ts';

const STAFF = { name: 'staff', indexes: [{ fields: ['login'], unique: true }] } as const;

export class StaffRepository {
  private constructor(private readonly staff: Collection<StaffRecord>) {}

  static async open(store: DocumentStore): Promise<StaffRepository> {
    return new StaffRepository(await store.collection<StaffRecord>(STAFF));
  }

  async byLogin(login: string): Promise<StaffRecord | null> {
    const page = await this.staff.find({ where: { login }, first: 1 });
    return page.items[0]?.data ?? null;
  }

  async activeById(id: string): Promise<StaffRecord | null> {
    if (!isUuid(id)) return null;
    const record = (await this.staff.get(id))?.data ?? null;
    return record?.active ? record : null;
  }

  async insert(record: StaffRecord): Promise<void> {
    await this.staff.insert(record.id, record);
  }

  count(): Promise<number> {
    return this.staff.count();
  }
}
