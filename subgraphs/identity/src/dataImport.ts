import { openDocumentStore, type DocumentStore } from '@cabinet/platform/documents';
import type { IdentityConfig } from './config.ts';
import type { CustomerRecord } from './customer/domain/customer.ts';
import { CustomerRepository } from './customer/storage/customerRepository.ts';
import { hashPartnerSecret } from './partner/application/partnerSecret.ts';
import type { PartnerClientRecord } from './partner/domain/partnerClient.ts';
import { PartnerRepository } from './partner/storage/partnerRepository.ts';
import { hashSecret } from './staff/application/password.ts';
import type { StaffRecord } from './staff/domain/staffRecord.ts';
import { StaffRepository } from './staff/storage/staffRepository.ts';
import { join } from 'node:path';

/** Where identity keeps its documents: the part of its configuration an import needs. */
export type IdentityStorage = Pick<IdentityConfig, 'DATA_DIR' | 'MONGODB_URL'>;

export function openIdentityDocuments(storage: IdentityStorage): Promise<DocumentStore> {
  return openDocumentStore({
    mongodbUrl: storage.MONGODB_URL,
    database: 'identity',
    sqliteFile: join(storage.DATA_DIR, 'identity', 'documents.sqlite'),
  });
}

/** People the insurer already knows, as another system hands them over: secrets in the clear, hashed here. */
export interface IdentityRecords {
  readonly customers: readonly CustomerRecord[];
  readonly staff: readonly (Omit<StaffRecord, 'passwordHash'> & { readonly password: string })[];
  readonly partnerClients: readonly (Omit<PartnerClientRecord, 'secretHash'> & { readonly secret: string })[];
}

export interface ImportedCounts {
  readonly customers: number;
  readonly staff: number;
  readonly partnerClients: number;
}

/**
 * Loads the insurer's existing customers, staff and partner apps into identity's store before it
 * serves (a migration; the embedded profile's demo registry comes in this way). Each kind is loaded
 * only into an empty collection, so running it again changes nothing.
 */
export async function importIdentityRecords(
  storage: IdentityStorage,
  records: IdentityRecords,
): Promise<ImportedCounts> {
  const documents = await openIdentityDocuments(storage);
  try {
    const [customers, staff, partners] = await Promise.all([
      CustomerRepository.open(documents),
      StaffRepository.open(documents),
      PartnerRepository.open(documents),
    ]);
    const counts = { customers: 0, staff: 0, partnerClients: 0 };
    if ((await customers.count()) === 0) {
      for (const customer of records.customers) await customers.insert(customer);
      counts.customers = records.customers.length;
    }
    if ((await staff.count()) === 0) {
      for (const { password, ...person } of records.staff) {
        await staff.insert({ ...person, passwordHash: await hashSecret(password) });
      }
      counts.staff = records.staff.length;
    }
    if ((await partners.count()) === 0) {
      for (const { secret, ...client } of records.partnerClients) {
        await partners.insert({ ...client, secretHash: hashPartnerSecret(secret) });
      }
      counts.partnerClients = records.partnerClients.length;
    }
    return counts;
  } finally {
    await documents.close();
  }
}
