/** Whether the recorded action did what was asked. */
export type ActivityOutcome = 'SUCCESS' | 'FAILURE';

/** Where a request came from, as the gateway reported it. */
export interface RequestClient {
  readonly ip: string | null;
  readonly userAgent: string | null;
}

/** One line of a person's activity log: append-only, never rewritten. */
export interface ActivityRecord extends RequestClient {
  /** What happened, a stable code such as `SIGN_IN`, `SESSION_REFRESHED`, `CLAIM_SUBMITTED`. */
  readonly action: string;
  readonly outcome: ActivityOutcome;
  /** Who did it: `customer:<id>`, `staff:<id>`, `partner:<id>`, `anonymous`, `system:<job>`. */
  readonly actor: string;
  /** The service that recorded it. */
  readonly service: string;
  /** ISO instant. */
  readonly at: string;
  /** Our error code when the action failed. */
  readonly errorCode: string | null;
  /** ESIA's own code (ESIA-0070xx) when Gosuslugi reported one. */
  readonly esiaCode: string | null;
  /** Non-personal facts: ids of the things acted on, a session id, a consent version. */
  readonly details: Readonly<Record<string, string | number | boolean | null>>;
}

export const ACTIVITY_EVENT_TYPE = 'ActivityRecorded';
export const ACTIVITY_SCHEMA_VERSION = 1;

/** Whose log an entry belongs to: a customer's or staff member's id, or `unattributed` (unknown person). */
export function activityStream(subjectId: string): string {
  return `activity-${subjectId}`;
}

export const UNATTRIBUTED_ACTIVITY = 'unattributed';
