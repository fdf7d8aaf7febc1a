import { Histogram, storeGauge, type MetricGroup } from '@cabinet/platform/metrics';
import { NOT_WAITING, type ConversationListRepository } from '../storage/conversationListRepository.ts';
import type { ConversationSummary } from '../storage/conversationSummary.ts';

export interface SupportMetrics extends MetricGroup {
  /** A summary was written after an event; a first operator reply is timed from the opening. */
  readonly summarized: (before: ConversationSummary | null, after: ConversationSummary) => void;
}

/** Up to a working day: first answers are minutes in hours and hours after them. */
const FIRST_RESPONSE_BUCKETS = [30, 60, 120, 300, 600, 1_800, 3_600, 7_200, 14_400, 28_800, 86_400];

/**
 * The queue as operations watch it, read from the operators' queue at scrape time (open conversations,
 * those waiting for an operator, the oldest wait), and the time to a first operator reply.
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
  return {
    series: [open, queueLength, oldestWait, firstResponse],
    summarized(before, after) {
      if (before?.firstResponseAt !== null || after.firstResponseAt === null) return;
      firstResponse.observe(
        Math.max(0, Date.parse(after.firstResponseAt) - Date.parse(after.openedAt)) / 1_000,
      );
    },
  };
}
