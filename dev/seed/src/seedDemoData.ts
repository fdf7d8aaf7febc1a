import { loadClaimsConfig, openClaimCommands } from '@cabinet/claims/commands';
import {
  DEMO_PARTNER_CLIENTS,
  DEMO_STAFF,
  demoCustomers,
  demoPolicies,
  type DemoCustomer,
} from '@cabinet/demo-data';
import { importIdentityRecords, type IdentityRecords } from '@cabinet/identity/data-import';
import { importPolicies } from '@cabinet/policy/data-import';
import { seedDemoClaims } from './demoClaims.ts';

export interface SeedOptions {
  /** The embedded profile's data directory, which the services then open. */
  readonly dataDir: string;
  /** The moment the registry is built as of: policies stand where the demo needs them on that day. */
  readonly asOf: Date;
  /** Also the demo claims of `existingCustomer` (npm start); test systems make their own. */
  readonly claims: boolean;
}

export interface Seeded {
  readonly customers: number;
  readonly staff: number;
  readonly partnerClients: number;
  readonly policies: number;
  readonly claims: number;
}

function customerRecord(customer: DemoCustomer): IdentityRecords['customers'][number] {
  return {
    ...customer,
    registrationAddress: null,
    esiaOid: null,
    esiaTrusted: null,
    consentVersion: null,
    updatedAt: customer.createdAt,
  };
}

/**
 * Loads the demo registry into the stores of identity, policy and claims before they start, through
 * each service's own import entry, so no production code holds demo data. Every part is loaded into
 * an empty store only: a second run, or a restart of `npm start`, changes nothing.
 */
export async function seedDemoData(options: SeedOptions): Promise<Seeded> {
  const storage = { DATA_DIR: options.dataDir, MONGODB_URL: undefined };
  const customers = demoCustomers();
  const identity = await importIdentityRecords(storage, {
    customers: customers.map(customerRecord),
    staff: DEMO_STAFF.map((person) => ({ ...person, active: true })),
    partnerClients: DEMO_PARTNER_CLIENTS.map(({ clientSecret, ...client }) => ({
      ...client,
      secret: clientSecret,
      scopes: ['claims:status'],
      active: true,
    })),
  });
  const policies = await importPolicies(storage, demoPolicies(customers, options.asOf));
  let claims = 0;
  if (options.claims) {
    const commands = await openClaimCommands(
      loadClaimsConfig({ DATA_DIR: options.dataDir, LOG_LEVEL: 'warn' }),
      () => options.asOf,
    );
    try {
      claims = await seedDemoClaims(commands, options.asOf);
    } finally {
      await commands.close();
    }
  }
  return { ...identity, policies, claims };
}
