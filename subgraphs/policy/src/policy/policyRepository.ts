import type { CalendarDate } from '@cabinet/kernel';
import { VersionConflict, type Collection, type DocumentStore, type Page } from '@cabinet/platform/documents';
import type { PolicyStatus, Product } from './domain/index.ts';
import type { PolicyRecord } from './policyRecord.ts';

export const POLICIES = {
  name: 'policies',
  indexes: [
    { fields: ['holderId', 'period.endsOn'] },
    { fields: ['number'], unique: true },
    { fields: ['status', 'period.endsOn'] },
    { fields: ['product'] },
  ],
} as const;

/** Concurrent writers to one policy are rare (a customer and a reconciliation pass); a few retries do. */
const MAX_UPDATE_ATTEMPTS = 5;

export interface HolderPoliciesQuery {
  readonly holderId: string;
  readonly status?: PolicyStatus | undefined;
  readonly product?: Product | undefined;
  readonly first: number;
  readonly after?: string | undefined;
}

/** A stored policy with the version its next write must expect. */
export interface VersionedPolicy {
  readonly record: PolicyRecord;
  readonly version: number;
}

export class PolicyRepository {
  private constructor(private readonly policies: Collection<PolicyRecord>) {}

  static async open(store: DocumentStore): Promise<PolicyRepository> {
    return new PolicyRepository(await store.collection<PolicyRecord>(POLICIES));
  }

  async get(id: string): Promise<PolicyRecord | null> {
    return (await this.policies.get(id))?.data ?? null;
  }

  async getVersioned(id: string): Promise<VersionedPolicy | null> {
    const stored = await this.policies.get(id);
    return stored ? { record: stored.data, version: stored.version } : null;
  }

  async insert(policy: PolicyRecord): Promise<void> {
    await this.policies.insert(policy.id, policy);
  }

  /** Throws VersionConflict when someone else wrote the policy since it was read. */
  async replace(policy: PolicyRecord, expectedVersion: number): Promise<void> {
    await this.policies.replace(policy.id, policy, expectedVersion);
  }

  async delete(id: string): Promise<void> {
    await this.policies.delete(id);
  }

  /**
   * Reads, changes and writes a policy, again from a fresh read when someone else wrote it in
   * between. `change` returns null when there is nothing to write (the change is already there).
   */
  async update(id: string, change: (current: PolicyRecord) => PolicyRecord | null): Promise<PolicyRecord> {
    for (let attempt = 1; ; attempt += 1) {
      const stored = await this.policies.get(id);
      if (!stored) throw new RangeError(`policy ${id} does not exist`);
      const next = change(stored.data);
      if (next === null) return stored.data;
      try {
        await this.policies.replace(id, next, stored.version);
        return next;
      } catch (error) {
        if (!(error instanceof VersionConflict) || attempt >= MAX_UPDATE_ATTEMPTS) throw error;
      }
    }
  }

  async count(): Promise<number> {
    return this.policies.count();
  }

  /** The holder's policies, newest period end first. */
  async ofHolder(query: HolderPoliciesQuery): Promise<{ page: Page<PolicyRecord>; totalCount: number }> {
    const where = {
      holderId: query.holderId,
      ...(query.status ? { status: query.status } : {}),
      ...(query.product ? { product: query.product } : {}),
    };
    const [page, totalCount] = await Promise.all([
      this.policies.find({
        where,
        sort: [{ field: 'period.endsOn', direction: 'desc' }],
        first: query.first,
        ...(query.after ? { after: query.after } : {}),
      }),
      this.policies.count(where),
    ]);
    return { page, totalCount };
  }

  /** Policies stored with `status` whose last day is before `day`, a page at a time. */
  async endedBefore(status: PolicyStatus, day: CalendarDate, first: number): Promise<PolicyRecord[]> {
    const page = await this.policies.find({
      where: { status, 'period.endsOn': { lt: day } },
      first,
    });
    return page.items.map((item) => item.data);
  }
}
