/**
 * A person's activity log, as every service writes its part of it: each service appends entries about
 * a person to its own stream in the shared event store, and identity assembles `myActivity` from the
 * streams of every service below. No service writes another's stream.
 */
export const ACTIVITY_SERVICES = ['identity', 'policy', 'claims'] as const;
export type ActivityService = (typeof ACTIVITY_SERVICES)[number];

/** `<service>Activity-<subjectId>`: a service's entries about one person (or `unattributed`). */
export function activityStream(service: ActivityService, subjectId: string): string {
  return `${service}Activity-${subjectId}`;
}

/** Whose log an entry belongs to when the person is not known (a sign-in that failed early). */
export const UNATTRIBUTED_ACTIVITY = 'unattributed';

export const ACTIVITY_EVENT_TYPE = 'ActivityRecorded';
export const ACTIVITY_SCHEMA_VERSION = 1;

/** Whether the recorded action did what was asked. */
export type ActivityOutcome = 'SUCCESS' | 'FAILURE';

/** Where a request came from, as the gateway reported it. */
export interface RequestClient {
  readonly ip: string | null;
  readonly userAgent: string | null;
}

/** One line of a person's activity log (`ActivityRecorded`, version 1): append-only, never rewritten. */
export interface ActivityRecord extends RequestClient {
  /** What happened, a stable code such as `SIGN_IN`, `SESSION_REFRESHED`, `CLAIM_SUBMITTED`. */
  readonly action: string;
  readonly outcome: ActivityOutcome;
  /** Who did it: `customer:<id>`, `staff:<id>`, `partner:<id>`, `anonymous`, `system:<job>`. */
  readonly actor: string;
  /** The service that recorded it. */
  readonly service: ActivityService;
  /** ISO instant. */
  readonly at: string;
  /** Our error code when the action failed. */
  readonly errorCode: string | null;
  /** ESIA's own code (ESIA-0070xx) when Gosuslugi reported one. */
  readonly esiaCode: string | null;
  /** Non-personal facts: ids of the things acted on, a session id, a consent version. */
  readonly details: Readonly<Record<string, string | number | boolean | null>>;
}
