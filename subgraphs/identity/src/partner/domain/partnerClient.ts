import type { PartnerScope } from '@cabinet/kernel';

/** A partner application registered for OAuth 2.0 client credentials; its secret is kept hashed. */
export interface PartnerClientRecord {
  readonly clientId: string;
  readonly partnerId: string;
  readonly name: string;
  readonly secretHash: string;
  readonly scopes: readonly PartnerScope[];
  readonly active: boolean;
}

/** The scopes to grant: those asked for (all of them must be allowed), or every allowed one. */
export function grantedScopes(
  requested: string | undefined,
  allowed: readonly PartnerScope[],
): PartnerScope[] | null {
  if (requested === undefined || requested.trim() === '') return [...allowed];
  const asked = requested.split(' ').filter(Boolean);
  return asked.every((scope) => (allowed as readonly string[]).includes(scope))
    ? (asked as PartnerScope[])
    : null;
}
