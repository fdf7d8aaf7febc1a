import type {
  CustomerConsentGiven,
  CustomerConsentRevoked,
  CustomerLifecycleEventType,
  CustomerPersonalDataErased,
} from '@cabinet/contracts';
import { z } from 'zod';

const instant = z.iso.datetime({ offset: true });

/**
 * The schema of each published type, for the event store to check every write and read against: a
 * service reading or writing the customer lifecycle registers these.
 */
export const CUSTOMER_LIFECYCLE_EVENT_TYPES = [
  {
    type: 'CustomerConsentRevoked',
    versions: [
      {
        version: 1,
        schema: z.object({
          customerId: z.string().min(1),
          consentVersion: z.string(),
          revokedAt: instant,
          eraseAt: instant,
          erasureDueBy: instant,
        }) satisfies z.ZodType<CustomerConsentRevoked>,
      },
    ],
  },
  {
    type: 'CustomerConsentGiven',
    versions: [
      {
        version: 1,
        schema: z.object({
          customerId: z.string().min(1),
          consentVersion: z.string(),
          acceptedAt: instant,
          revokedAt: instant,
        }) satisfies z.ZodType<CustomerConsentGiven>,
      },
    ],
  },
  {
    type: 'CustomerPersonalDataErased',
    versions: [
      {
        version: 1,
        schema: z.object({
          customerId: z.string().min(1),
          erasedAt: instant,
        }) satisfies z.ZodType<CustomerPersonalDataErased>,
      },
    ],
  },
] as const satisfies readonly { type: CustomerLifecycleEventType; versions: readonly unknown[] }[];
