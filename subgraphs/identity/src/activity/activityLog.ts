import { CommonErrors } from '@cabinet/kernel';
import { activityStream, type ActivityRecord } from '@cabinet/platform/activity';
import type { EventStore } from '@cabinet/platform/eventstore';

export interface ActivityEntry extends ActivityRecord {
  readonly id: string;
  /** The entry's place in the person's log; pass as `after` to read older entries. */
  readonly cursor: string;
}

export interface ActivityPage {
  readonly entries: ActivityEntry[];
  readonly endCursor: string | null;
  readonly hasNextPage: boolean;
  readonly totalCount: number;
}

/** Reads a person's activity log, newest first; every subgraph writes into it (platform ActivityRecorder). */
export class ActivityLog {
  constructor(private readonly events: EventStore) {}

  async page(subjectId: string, first: number, after?: string): Promise<ActivityPage> {
    if (after !== undefined && !/^\d+$/.test(after)) {
      throw CommonErrors.badInput('after', 'Неверный курсор страницы.');
    }
    const stream = activityStream(subjectId);
    const [last] = await this.events.read(stream, { direction: 'backwards', maxCount: 1 });
    const totalCount = last ? Number(last.revision) + 1 : 0;
    const from = after === undefined ? undefined : BigInt(after) - 1n;
    if (from !== undefined && from < 0n)
      return { entries: [], endCursor: null, hasNextPage: false, totalCount };
    const read = await this.events.read(stream, {
      direction: 'backwards',
      maxCount: first + 1,
      ...(from === undefined ? {} : { fromRevision: from }),
    });
    const entries = read.slice(0, first).map((event) => ({
      ...(event.data as ActivityRecord),
      id: event.id,
      cursor: event.revision.toString(),
    }));
    return {
      entries,
      endCursor: entries.at(-1)?.cursor ?? null,
      hasNextPage: read.length > first,
      totalCount,
    };
  }
}
