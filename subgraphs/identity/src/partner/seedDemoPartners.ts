import { hashSecret } from '../staff/password.ts';
import type { PartnerRepository } from './partnerRepository.ts';

export async function seedDemoPartners(partners: PartnerRepository): Promise<number> {
  if ((await partners.count()) > 0) return 0;
  const { DEMO_PARTNER_CLIENTS } = await import('../demo/demoAccounts.ts');
  for (const client of DEMO_PARTNER_CLIENTS) {
    await partners.insert({
      clientId: client.clientId,
      partnerId: client.partnerId,
      name: client.name,
      secretHash: await hashSecret(client.clientSecret),
      scopes: ['claims:status'],
      active: true,
    });
  }
  return DEMO_PARTNER_CLIENTS.length;
}
