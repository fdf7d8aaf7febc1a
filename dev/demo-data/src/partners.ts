/** Partners that sold some of the demo policies (a bank and a car dealer). */
export const DEMO_PARTNERS = [
  { id: 'b1c5a3f0-6f1e-4c52-9b0e-2f8e0d7a4a11', name: 'Банк «Пример»' },
  { id: 'c2d6b4e1-7a2f-4d63-8c1f-3a9f1e8b5b22', name: 'Автосалон «Демо»' },
] as const;

/** The demo partners' apps with their secrets: printed by `npm start`, loaded into identity by the seed. */
export const DEMO_PARTNER_CLIENTS: readonly {
  readonly clientId: string;
  readonly clientSecret: string;
  readonly partnerId: string;
  readonly name: string;
}[] = [
  { clientId: 'bank-primer', clientSecret: 'demo-partner-secret-1', ...partnerOf(0) },
  { clientId: 'dealer-demo', clientSecret: 'demo-partner-secret-2', ...partnerOf(1) },
];

function partnerOf(index: 0 | 1): { partnerId: string; name: string } {
  const partner = DEMO_PARTNERS[index];
  return { partnerId: partner.id, name: partner.name };
}
