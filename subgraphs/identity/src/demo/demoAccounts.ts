import { DEMO_PARTNERS } from '@cabinet/demo-data';

/**
 * The embedded profile's partner apps, with their demo secrets: printed by `npm start`, seeded only when
 * SEED_DEMO_DATA=yes, never in production.
 */
export const DEMO_PARTNER_CLIENTS: readonly {
  readonly clientId: string;
  readonly clientSecret: string;
  readonly partnerId: string;
  readonly name: string;
}[] = DEMO_PARTNERS.map((partner, index) => ({
  clientId: ['bank-primer', 'dealer-demo'][index] ?? `partner-${index + 1}`,
  clientSecret: `demo-partner-secret-${index + 1}`,
  partnerId: partner.id,
  name: partner.name,
}));
