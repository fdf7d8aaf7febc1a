import { isDomainError } from '@cabinet/kernel';
import type { Page } from '@cabinet/platform/documents';
import type { PolicyRecord } from '../policyRecord.ts';
import type { HolderPoliciesQuery, PolicyRepository } from '../policyRepository.ts';
import type { PolicyReadCache } from './policyReadCache.ts';

export interface HolderPolicies {
  readonly page: Page<PolicyRecord>;
  readonly totalCount: number;
}

/** A read's answer; `staleSince` is when a cached answer was read from the store, null when fresh. */
export interface ReadAnswer<T> {
  readonly value: T;
  readonly staleSince: Date | null;
}

/** One remembered read: a policy card or a page of a customer's policy list. */
export type CachedRead = { kind: 'card'; record: PolicyRecord } | { kind: 'list'; policies: HolderPolicies };

const cardKey = (policyId: string) => `card:${policyId}`;
const listKey = (query: HolderPoliciesQuery) =>
  `list:${JSON.stringify([query.status ?? null, query.product ?? null, query.first, query.after ?? null])}`;

/**
 * Policy cards and customers' policy lists read through to the store and remembered; when the store
 * fails, the remembered answer (within the cache's staleness limit) is served instead, marked stale.
 * Domain errors are answers, not outages, and pass through.
 */
export class StalePolicyReads {
  constructor(
    private readonly policies: PolicyRepository,
    private readonly cache: PolicyReadCache<CachedRead>,
  ) {}

  async get(id: string): Promise<ReadAnswer<PolicyRecord | null>> {
    try {
      const record = await this.policies.get(id);
      if (record) this.cache.remember(record.holderId, cardKey(id), { kind: 'card', record });
      return { value: record, staleSince: null };
    } catch (error) {
      const remembered = this.recallOrThrow(error, this.cache.recallAnywhere(cardKey(id)));
      if (remembered.value.kind !== 'card') throw error;
      return { value: remembered.value.record, staleSince: remembered.readAt };
    }
  }

  async ofHolder(query: HolderPoliciesQuery): Promise<ReadAnswer<HolderPolicies>> {
    try {
      const policies = await this.policies.ofHolder(query);
      this.cache.remember(query.holderId, listKey(query), { kind: 'list', policies });
      return { value: policies, staleSince: null };
    } catch (error) {
      const remembered = this.recallOrThrow(error, this.cache.recall(query.holderId, listKey(query)));
      if (remembered.value.kind !== 'list') throw error;
      return { value: remembered.value.policies, staleSince: remembered.readAt };
    }
  }

  private recallOrThrow<T>(error: unknown, remembered: T | null): T {
    if (isDomainError(error) || remembered === null) throw error;
    return remembered;
  }
}
