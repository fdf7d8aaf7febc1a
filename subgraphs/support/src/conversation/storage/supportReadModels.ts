import type { DocumentStore } from '@cabinet/platform/documents';
import type { ReadModelLease } from '@cabinet/platform/leases';
import type { Projection } from '@cabinet/platform/projections';
import { conversationListProjection, type SummaryObserver } from './conversationListProjection.ts';
import { ConversationListRepository, CUSTOMER_INBOX, OPERATOR_QUEUE } from './conversationListRepository.ts';

/** The lease the support service and a rebuild of its read models share, kept in support's documents. */
export const SUPPORT_READ_MODELS: ReadModelLease = {
  lease: 'support-read-models',
  service: 'the support service',
};

/** The customer's inbox and the operators' queue. */
export interface SupportReadModels {
  readonly inbox: ConversationListRepository;
  readonly queue: ConversationListRepository;
}

export async function openSupportReadModels(documents: DocumentStore): Promise<SupportReadModels> {
  const [inbox, queue] = await Promise.all([
    ConversationListRepository.open(documents, CUSTOMER_INBOX),
    ConversationListRepository.open(documents, OPERATOR_QUEUE),
  ]);
  return { inbox, queue };
}

/** Drops the texts the lists keep of a customer's conversations once their key was destroyed. */
export function eraseCustomerTexts(
  readModels: SupportReadModels,
): (customerId: string) => Promise<{ inbox: number; queue: number }> {
  return async (customerId) => {
    const conversationIds = await readModels.inbox.conversationIdsOf(customerId);
    return {
      inbox: await readModels.inbox.eraseTextsOf(conversationIds),
      queue: await readModels.queue.eraseTextsOf(conversationIds),
    };
  };
}

/** The projections that keep the read models; `queueObserver` hears of every queue row written. */
export function supportProjections(
  readModels: SupportReadModels,
  queueObserver?: SummaryObserver,
): Projection[] {
  return [
    conversationListProjection('support-inbox', readModels.inbox),
    conversationListProjection('support-queue', readModels.queue, queueObserver),
  ];
}
