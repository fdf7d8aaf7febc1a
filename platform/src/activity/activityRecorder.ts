import { eventMetadata, type EventCause } from '../eventstore/eventCause.ts';
import type { EventStore } from '../eventstore/port.ts';
import {
  ACTIVITY_EVENT_TYPE,
  ACTIVITY_SCHEMA_VERSION,
  activityStream,
  type ActivityOutcome,
  type ActivityRecord,
  type ActivityService,
  type RequestClient,
} from '@cabinet/contracts';
import { currentRequestClient } from './requestClient.ts';

export interface ActivityInput {
  readonly action: string;
  readonly outcome?: ActivityOutcome;
  readonly actor: string;
  readonly errorCode?: string | null;
  readonly esiaCode?: string | null;
  readonly details?: ActivityRecord['details'];
  /** Defaults to the current request's client. */
  readonly client?: RequestClient;
}

export interface ActivityRecorderDeps {
  readonly events: EventStore;
  /** The service writing, e.g. `claims`: it writes only its own activity streams. */
  readonly service: ActivityService;
  readonly now: () => Date;
  readonly newId: () => string;
}

/**
 * Appends to the service's own part of a person's activity log (`<service>Activity-<subjectId>` in the
 * shared event store), which identity assembles with the other services' parts as `myActivity`.
 */
export class ActivityRecorder {
  constructor(private readonly deps: ActivityRecorderDeps) {}

  /** `cause`: the request and the command the activity belongs to. */
  async record(subjectId: string, input: ActivityInput, cause: EventCause): Promise<ActivityRecord> {
    const client = input.client ?? currentRequestClient();
    const record: ActivityRecord = {
      action: input.action,
      outcome: input.outcome ?? 'SUCCESS',
      actor: input.actor,
      service: this.deps.service,
      at: this.deps.now().toISOString(),
      ip: client.ip,
      userAgent: client.userAgent,
      errorCode: input.errorCode ?? null,
      esiaCode: input.esiaCode ?? null,
      details: input.details ?? {},
    };
    await this.deps.events.append(
      activityStream(this.deps.service, subjectId),
      [
        {
          id: this.deps.newId(),
          type: ACTIVITY_EVENT_TYPE,
          data: record,
          metadata: eventMetadata(ACTIVITY_SCHEMA_VERSION, input.actor, cause),
        },
      ],
      { expectedRevision: 'any' },
    );
    return record;
  }
}
