import type { DocumentStore } from '@cabinet/platform/documents';
import type { ReadModelLease } from '@cabinet/platform/leases';
import type { Projection } from '@cabinet/platform/projections';
import { conversationListProjection } from './conversationListProjection.ts';
import { ConversationListRepository, CUSTOMER_INBOX, OPERATOR_QUEUE } from './conversationListRepository.ts';

/** The lease the support service and a rebuild of its read models share. */
export const SUPPORT_READ_MODELS: ReadModelLease = {
  lease: 'support-read-models',
  service: 'the support service',
};

/** The customer's inbox and the operators' queue, and the projections that keep them. */
export interface SupportReadModels {
  readonly inbox: ConversationListRepository;
  readonly queue: ConversationListRepository;
  readonly projections: readonly Projection[];
}

export async function openSupportReadModels(documents: DocumentStore): Promise<SupportReadModels> {
  const [inbox, queue] = await Promise.all([
    ConversationListRepository.open(documents, CUSTOMER_INBOX),
    ConversationListRepository.open(documents, OPERATOR_QUEUE),
  ]);
  return {
    inbox,
    queue,
    projections: [
      conversationListProjection('support-inbox', inbox),
      conversationListProjection('support-queue', queue),
    ],
  };
}
