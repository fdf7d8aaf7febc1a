import { ACTIVITY_EVENT_TYPE, ACTIVITY_SERVICES, type ActivityRecord } from '@cabinet/contracts';
import { z } from 'zod';

/** The schema of `ActivityRecorded`, for the event store to check: every service writing activity registers it. */
export const ACTIVITY_EVENT_TYPES = [
  {
    type: ACTIVITY_EVENT_TYPE,
    versions: [
      {
        version: 1,
        schema: z.object({
          action: z.string().min(1),
          outcome: z.enum(['SUCCESS', 'FAILURE']),
          actor: z.string().min(1),
          service: z.enum(ACTIVITY_SERVICES),
          at: z.iso.datetime({ offset: true }),
          ip: z.string().nullable(),
          userAgent: z.string().nullable(),
          errorCode: z.string().nullable(),
          esiaCode: z.string().nullable(),
          // A detail left undefined is dropped when stored, so it may be absent but not wrong.
          details: z.record(z.string(), z.union([z.string(), z.number(), z.boolean(), z.null()]).optional()),
        }) satisfies z.ZodType<Omit<ActivityRecord, 'details'>>,
      },
    ],
  },
] as const;
