import type { Collection, DocumentStore, Page } from '@cabinet/platform';
import type { PolicyProduct, PolicyRecord, PolicyStatus } from './policyRecord.ts';

export const POLICIES = {
  name: 'policies',
  indexes: [
    { fields: ['holderId', 'periodEnd'] },
    { fields: ['number'], unique: true },
    { fields: ['status'] },
    { fields: ['product'] },
  ],
} as const;

export interface HolderPoliciesQuery {
  readonly holderId: string;
  readonly status?: PolicyStatus | undefined;
  readonly product?: PolicyProduct | undefined;
  readonly first: number;
  readonly after?: string | undefined;
}

export class PolicyRepository {
  private constructor(private readonly policies: Collection<PolicyRecord>) {}

  static async open(store: DocumentStore): Promise<PolicyRepository> {
    return new PolicyRepository(await store.collection<PolicyRecord>(POLICIES));
  }

  async get(id: string): Promise<PolicyRecord | null> {
    return (await this.policies.get(id))?.data ?? null;
  }

  async insert(policy: PolicyRecord): Promise<void> {
    await this.policies.insert(policy.id, policy);
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
        sort: [{ field: 'periodEnd', direction: 'desc' }],
        first: query.first,
        ...(query.after ? { after: query.after } : {}),
      }),
      this.policies.count(where),
    ]);
    return { page, totalCount };
  }
}
