import { join } from 'node:path';
import { openDocumentStore, type DocumentStore } from '@cabinet/platform/documents';
import type { PolicyConfig } from './config.ts';
import { PRODUCTS, type Product } from './policy/domain/index.ts';
import { PolicyNumbers } from './policy/storage/policyNumbers.ts';
import type { PolicyRecord } from './policy/storage/policyRecord.ts';
import { PolicyRepository } from './policy/storage/policyRepository.ts';

/** Where policy keeps its documents: the part of its configuration an import needs. */
export type PolicyStorage = Pick<PolicyConfig, 'DATA_DIR' | 'MONGODB_URL'>;

export function openPolicyDocuments(storage: PolicyStorage): Promise<DocumentStore> {
  return openDocumentStore({
    mongodbUrl: storage.MONGODB_URL,
    database: 'policy',
    sqliteFile: join(storage.DATA_DIR, 'policy', 'documents.sqlite'),
  });
}

/** Policies issued before this service, and the last number each product's sequence used for them. */
export interface PolicyRecords {
  readonly policies: readonly PolicyRecord[];
  readonly sequences: Readonly<Record<Product, number>>;
}

/**
 * Loads the insurer's existing policies into an empty store before the service serves (a migration;
 * the embedded profile's demo registry comes in this way), and continues each product's numbers
 * after them. A store that has policies is left alone. Returns how many it loaded.
 */
export async function importPolicies(storage: PolicyStorage, records: PolicyRecords): Promise<number> {
  const documents = await openPolicyDocuments(storage);
  try {
    const policies = await PolicyRepository.open(documents);
    if ((await policies.count()) > 0) return 0;
    const numbers = await PolicyNumbers.open(documents);
    for (const policy of records.policies) await policies.insert(policy);
    for (const product of PRODUCTS) await numbers.advanceTo(product, records.sequences[product]);
    return records.policies.length;
  } finally {
    await documents.close();
  }
}
