import type { EventStore } from '../eventstore/port.ts';
import {
  ACTIVITY_EVENT_TYPE,
  ACTIVITY_SCHEMA_VERSION,
  activityStream,
  type ActivityOutcome,
  type ActivityRecord,
  type RequestClient,
} from './activityRecord.ts';
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
  /** The service writing, e.g. `claims`. */
  readonly service: string;
  readonly now: () => Date;
  readonly newId: () => string;
}

/**
 * Appends to a person's activity log, which identity owns and serves as `myActivity`. Every subgraph
 * records its mutations with this, into the shared event store, stream `activity-<subjectId>`.
 */
export class ActivityRecorder {
  constructor(private readonly deps: ActivityRecorderDeps) {}

  async record(subjectId: string, input: ActivityInput, correlationId: string): Promise<ActivityRecord> {
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
      activityStream(subjectId),
      [
        {
          id: this.deps.newId(),
          type: ACTIVITY_EVENT_TYPE,
          data: record,
          metadata: {
            schemaVersion: ACTIVITY_SCHEMA_VERSION,
            actor: input.actor,
            correlationId,
            causationId: null,
          },
        },
      ],
      { expectedRevision: 'any' },
    );
    return record;
  }
}
