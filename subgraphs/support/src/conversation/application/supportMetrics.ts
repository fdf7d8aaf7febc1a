import { Histogram, storeGauge, type MetricGroup } from '@cabinet/platform/metrics';
import { NOT_WAITING, type ConversationListRepository } from '../storage/conversationListRepository.ts';
import type { ConversationSummary } from '../storage/conversationSummary.ts';

export interface SupportMetrics extends MetricGroup {
  /**
   * A summary was written after an event: a first operator reply and each closing are timed from the
   * opening.
   */
  readonly summarized: (before: ConversationSummary | null, after: ConversationSummary) => void;
}

/** Up to a working day: first answers are minutes in hours and hours after them. */
const FIRST_RESPONSE_BUCKETS = [30, 60, 120, 300, 600, 1_800, 3_600, 7_200, 14_400, 28_800, 86_400];

/** From minutes to a couple of weeks: a question answered at once, or a claim's paperwork over days. */
const RESOLUTION_BUCKETS = [
  300, 900, 1_800, 3_600, 7_200, 14_400, 28_800, 86_400, 172_800, 345_600, 604_800, 1_209_600,
];

const secondsBetween = (from: string, to: string) => Math.max(0, Date.parse(to) - Date.parse(from)) / 1_000;

/**
 * The queue as operations watch it, read from the operators' queue at scrape time (open conversations,
 * those waiting for an operator, the oldest wait), the time to a first operator reply and the time to
 * closing (every closing, so a reopened conversation closed again counts again, from its opening).
 */
export function createSupportMetrics(queue: ConversationListRepository, now: () => Date): SupportMetrics {
  const waiting = { status: 'OPEN', waitingOrder: { lt: NOT_WAITING } };
  const open = storeGauge({
    name: 'support_conversations_open',
    help: 'Open support conversations',
    read: () => queue.collection.count({ status: 'OPEN' }),
  });
  const queueLength = storeGauge({
    name: 'support_queue_length',
    help: 'Open conversations whose latest customer message no operator has answered',
    read: () => queue.collection.count(waiting),
  });
  const oldestWait = storeGauge({
    name: 'support_queue_oldest_waiting_age_seconds',
    help: 'How long the customer waiting longest for an operator has waited; 0 when nobody waits',
    read: async () => {
      const page = await queue.collection.find({
        where: waiting,
        sort: [{ field: 'waitingOrder', direction: 'asc' }],
        first: 1,
      });
      const since = page.items[0]?.data.waitingSince;
      return since ? Math.max(0, now().getTime() - Date.parse(since)) / 1_000 : 0;
    },
  });
  const firstResponse = new Histogram({
    name: 'support_first_response_seconds',
    help: 'Time from a conversation’s opening to the first operator reply',
    buckets: FIRST_RESPONSE_BUCKETS,
    registers: [],
  });
  const resolution = new Histogram({
    name: 'support_resolution_seconds',
    help: 'Time from a conversation’s opening to its closing, at every closing',
    buckets: RESOLUTION_BUCKETS,
    registers: [],
  });
  return {
    series: [open, queueLength, oldestWait, firstResponse, resolution],
    summarized(before, after) {
      if (before?.firstResponseAt === null && after.firstResponseAt !== null)
        firstResponse.observe(secondsBetween(after.openedAt, after.firstResponseAt));
      if (before?.status === 'OPEN' && after.status === 'CLOSED' && after.closedAt !== null)
        resolution.observe(secondsBetween(after.openedAt, after.closedAt));
    },
  };
}
