/** A policy as the policy service stores it. */
export interface PolicyRecord {
  readonly id: string;
  readonly number: string;
  readonly product: PolicyProduct;
  readonly status: PolicyStatus;
  readonly holderId: string;
  /** The partner (bank, dealer, broker) that sold it, if any: it may follow claims on it. */
  readonly soldByPartnerId: string | null;
  /** ISO dates, inclusive. */
  readonly periodStart: string;
  readonly periodEnd: string;
  readonly createdAt: string;
}

export const POLICY_PRODUCTS = [
  'OSAGO',
  'KASKO',
  'DMS',
  'PROPERTY',
  'MORTGAGE',
  'TRAVEL',
  'ACCIDENT',
] as const;
export type PolicyProduct = (typeof POLICY_PRODUCTS)[number];

export const POLICY_STATUSES = ['ACTIVE', 'RENEWED', 'SUSPENDED', 'EXPIRED', 'CANCELLED'] as const;
export type PolicyStatus = (typeof POLICY_STATUSES)[number];
