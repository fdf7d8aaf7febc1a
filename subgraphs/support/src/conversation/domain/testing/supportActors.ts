import type { SupportActor } from '../supportActor.ts';

/** The actors the support specs and tests share: one customer and one operator. */
export const CUSTOMER_ID = 'c1a2b3c4-d5e6-4f70-8a9b-0c1d2e3f4a5b';
export const CUSTOMER: SupportActor = { kind: 'customer', customerId: CUSTOMER_ID };
export const OPERATOR: SupportActor = {
  kind: 'operator',
  staffId: 'e3c4d5e6-f7a8-4b92-acbd-2e3f4a5b6c7d',
  supervisor: false,
};
