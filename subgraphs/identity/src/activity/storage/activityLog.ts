import {
  ACTIVITY_SERVICES,
  activityStream,
  type ActivityRecord,
  type ActivityService,
} from '@cabinet/contracts';
import { CommonErrors } from '@cabinet/kernel';
import type { EventStore, RecordedEvent } from '@cabinet/platform/eventstore';

export interface ActivityEntry extends ActivityRecord {
  readonly id: string;
  /** Where the page that ends with this entry stops; pass as `after` to read older entries. */
  readonly cursor: string;
}

export interface ActivityPage {
  readonly entries: ActivityEntry[];
  readonly endCursor: string | null;
  readonly hasNextPage: boolean;
  readonly totalCount: number;
}

/** How far each service's stream has been read: the next (older) revision to read, -1 when done. */
type ReadPositions = Readonly<Record<ActivityService, bigint>>;

const badCursor = () => CommonErrors.badInput('after', 'Неверный курсор страницы.');

function encodeCursor(positions: ReadPositions): string {
  const parts = ACTIVITY_SERVICES.map((service) => `${service}:${positions[service]}`);
  return Buffer.from(parts.join(','), 'utf8').toString('base64url');
}

function decodeCursor(cursor: string): ReadPositions {
  const positions = new Map<string, bigint>();
  for (const part of Buffer.from(cursor, 'base64url').toString('utf8').split(',')) {
    const [service, revision] = part.split(':');
    if (!ACTIVITY_SERVICES.includes(service as ActivityService)) throw badCursor();
    if (service === undefined || revision === undefined || !/^-?\d{1,18}$/.test(revision)) throw badCursor();
    positions.set(service, BigInt(revision));
  }
  if (positions.size !== ACTIVITY_SERVICES.length) throw badCursor();
  return Object.fromEntries(positions) as ReadPositions;
}

function newestFirst(a: RecordedEvent, b: RecordedEvent): number {
  const byTime = (b.data as ActivityRecord).at.localeCompare((a.data as ActivityRecord).at);
  return byTime !== 0 ? byTime : Number(b.revision - a.revision);
}

/**
 * A person's activity log, newest first, assembled from every service's own stream of entries about
 * them (see the contract in @cabinet/contracts). A cursor remembers where each stream was left, so a
 * page reads at most one page more of each stream than it shows.
 */
export class ActivityLog {
  constructor(private readonly events: EventStore) {}

  async page(subjectId: string, first: number, after?: string): Promise<ActivityPage> {
    const from = after === undefined ? null : decodeCursor(after);
    const streams = await Promise.all(
      ACTIVITY_SERVICES.map(async (service) => {
        const stream = activityStream(service, subjectId);
        const [last] = await this.events.read(stream, { direction: 'backwards', maxCount: 1 });
        const start = from === null ? (last?.revision ?? -1n) : from[service];
        const read =
          start < 0n
            ? []
            : await this.events.read(stream, {
                direction: 'backwards',
                fromRevision: start,
                maxCount: first + 1,
              });
        return { service, length: last ? Number(last.revision) + 1 : 0, start, read };
      }),
    );
    const merged = streams
      .flatMap(({ service, read }) => read.map((event) => ({ service, event })))
      .sort((a, b) => newestFirst(a.event, b.event));
    const positions = Object.fromEntries(streams.map(({ service, start }) => [service, start])) as Record<
      ActivityService,
      bigint
    >;
    const entries = merged.slice(0, first).map(({ service, event }) => {
      positions[service] = event.revision - 1n;
      return { ...(event.data as ActivityRecord), id: event.id, cursor: encodeCursor(positions) };
    });
    return {
      entries,
      endCursor: entries.at(-1)?.cursor ?? null,
      hasNextPage: merged.length > first,
      totalCount: streams.reduce((sum, { length }) => sum + length, 0),
    };
  }
}
