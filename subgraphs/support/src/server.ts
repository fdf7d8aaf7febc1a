import { createAccessTokenVerifier, followIdentitysEndedSessions } from '@cabinet/platform/auth';
import {
  createInternalRequestSigner,
  requireInternalRequestSecret,
  type InternalRequestSigner,
} from '@cabinet/platform/internal-requests';
import { CannedReplyService } from './cannedReply/application/cannedReplyService.ts';
import { CannedReplyResolver } from './cannedReply/graphql/cannedReply.resolver.ts';
import { CannedReplyRepository } from './cannedReply/storage/cannedReplyRepository.ts';
import { instrumentEventStore } from '@cabinet/platform/eventstore';
import { startSubgraphServer } from '@cabinet/platform/graphql';
import { createLogger, type Logger } from '@cabinet/platform/logging';
import { createStoreMetrics, registerMetricGroups, type StoreMetrics } from '@cabinet/platform/metrics';
import type { RunningService } from '@cabinet/platform/process';
import type { Projection } from '@cabinet/platform/projections';
import { consentRevocationReaction, CustomerKeyVault } from '@cabinet/platform/privacy';
import { CustomerEmailClient } from '@cabinet/platform/notifications';
import { StaffRegisterClient } from '@cabinet/platform/staff';
import { openFileLinks, type FileDownloadGrant, type FileUploadGrant } from '@cabinet/platform/files';
import { AttachmentService } from './attachment/application/attachmentService.ts';
import { AttachmentResolver } from './attachment/graphql/attachment.resolver.ts';
import { attachmentRoutes } from './attachment/http/attachmentRoutes.ts';
import { openAttachmentFiles } from './attachment/storage/openAttachmentFiles.ts';
import type { DocumentStore } from '@cabinet/platform/documents';
import type { EventStore } from '@cabinet/platform/eventstore';
import { ConversationCommandHandler } from './conversation/application/conversationCommandHandler.ts';
import { SubjectClient } from './conversation/application/subjectClient.ts';
import { createSupportMetrics, type SupportMetrics } from './conversation/application/supportMetrics.ts';
import { SupportService } from './conversation/application/supportService.ts';
import { ConversationResolver } from './conversation/graphql/conversation.resolver.ts';
import {
  ClaimConversationResolver,
  CustomerConversationsResolver,
  PersonalDataSupportResolver,
  PolicyConversationsResolver,
} from './conversation/graphql/entities.resolver.ts';
import { SupportQueueResolver } from './conversation/graphql/supportQueue.resolver.ts';
import { leadSupportReadModels } from './conversation/application/supportReadModelLeadership.ts';
import {
  eraseCustomerTexts,
  openSupportReadModels,
  supportProjections,
  type SupportReadModels,
} from './conversation/storage/supportReadModels.ts';
import { CustomerMessageRateRepository } from './conversation/storage/customerMessageRateRepository.ts';
import {
  openSupportDocuments,
  openSupportEvents,
  openSupportReadModelDocuments,
} from './conversation/storage/supportStores.ts';
import { ConversationHub } from './liveFeed/application/conversationHub.ts';
import { openUnreadReplyNotices } from './notices/application/unreadReplyNotices.ts';
import {
  ConversationFeedSubscription,
  type SupportSubscriptionServices,
} from './liveFeed/graphql/conversationFeed.subscription.ts';
import { TranscriptExport, type TranscriptGrant } from './transcript/application/transcriptExport.ts';
import { TranscriptResolver } from './transcript/graphql/transcript.resolver.ts';
import { transcriptRoutes } from './transcript/http/transcriptRoutes.ts';
import type { SupportConfig } from './config.ts';
import { supportSchema } from './schema.ts';

export interface SupportDependencies {
  readonly now: () => Date;
}

interface Stores {
  readonly events: EventStore;
  readonly documents: DocumentStore;
  /** The read models, their projections' checkpoints and the message counts (openSupportReadModelDocuments). */
  readonly readModelDocuments: DocumentStore;
  readonly vault: CustomerKeyVault;
  readonly metrics: StoreMetrics;
}

async function openStores(config: SupportConfig, now: () => Date): Promise<Stores> {
  const metrics = createStoreMetrics(now);
  const documents = await openSupportDocuments(config);
  const readModelDocuments = await openSupportReadModelDocuments(config);
  const vault = await CustomerKeyVault.open(documents, now);
  const events = instrumentEventStore(await openSupportEvents(config, vault), metrics.eventStore);
  return { events, documents, readModelDocuments, vault, metrics };
}

/** What the read models' leader runs: the lists' projections and the erasure of a revoked customer's texts. */
function leaderProjections(
  stores: Stores,
  leading: SupportReadModels,
  attachments: AttachmentService,
  metrics: SupportMetrics,
  log: Logger,
): Projection[] {
  const eraseTexts = eraseCustomerTexts(leading);
  const eraseCustomer = async (customerId: string) => ({
    ...(await eraseTexts(customerId)),
    attachmentNames: await attachments.eraseNamesOf(customerId),
  });
  // The revocation reaction's checkpoint is kept with the read models: it is rolled back with the erasures it made in the lists.
  return [
    ...supportProjections(leading, (before, after) => metrics.summarized(before, after)),
    consentRevocationReaction(stores.vault, eraseCustomer, log),
  ];
}

async function buildSupport(
  config: SupportConfig,
  stores: Stores,
  readModels: SupportReadModels,
  now: () => Date,
  internalRequests: InternalRequestSigner,
) {
  const handler = new ConversationCommandHandler(stores.events, {
    reopenWithinDays: config.REOPEN_WITHIN_DAYS,
    businessHours: config.SUPPORT_HOURS,
  });
  return new SupportService(
    stores.events,
    handler,
    readModels.inbox,
    readModels.queue,
    new SubjectClient({
      policyUrl: config.POLICY_URL,
      claimsUrl: config.CLAIMS_URL,
      timeoutMs: config.UPSTREAM_TIMEOUT_MS,
      internalRequests,
    }),
    new StaffRegisterClient(config.IDENTITY_URL, config.UPSTREAM_TIMEOUT_MS, internalRequests, 'support'),
    new CustomerEmailClient(config.IDENTITY_URL, config.UPSTREAM_TIMEOUT_MS, internalRequests, 'support'),
    {
      perMinute: config.CUSTOMER_MESSAGES_PER_MINUTE,
      counted: await CustomerMessageRateRepository.open(stores.readModelDocuments),
    },
    now,
  );
}

/** The composition root: open the stores, keep the read models, build the use cases and the schema, serve. */
export async function start(
  config: SupportConfig,
  deps: SupportDependencies = { now: () => new Date() },
): Promise<RunningService> {
  const log = createLogger('support', config.LOG_LEVEL);
  const internalRequests = createInternalRequestSigner(
    requireInternalRequestSecret(config.INTERNAL_REQUEST_SECRET),
    'support',
  );
  const stores = await openStores(config, deps.now);
  const readModels = await openSupportReadModels(stores.readModelDocuments);
  const metrics = createSupportMetrics(readModels.queue, deps.now);
  const fileLinks = await openFileLinks<TranscriptGrant | FileUploadGrant | FileDownloadGrant>(
    config,
    'support',
  );
  const attachmentFiles = await openAttachmentFiles(config, stores.documents);
  const attachments = new AttachmentService({
    ...attachmentFiles,
    vault: stores.vault,
    ...fileLinks,
    now: deps.now,
  });
  const notices = await openUnreadReplyNotices(config, stores, deps.now, log, stores.metrics.projections);
  const readModelLeadership = await leadSupportReadModels(stores, {
    now: deps.now,
    log,
    monitor: stores.metrics.projections,
    projections: (leading) => leaderProjections(stores, leading, attachments, metrics, log),
    // The leader alone sends the notices, fenced like its read models, so two instances never send one twice.
    alsoLead: (fenced) => notices.run(fenced),
  });
  const support = await buildSupport(config, stores, readModels, deps.now, internalRequests);
  const transcripts = new TranscriptExport(stores.events, fileLinks.signer, fileLinks.links, deps.now);
  const schema = await supportSchema({
    conversation: new ConversationResolver(support, attachments),
    queue: new SupportQueueResolver(support, attachments),
    attachments: new AttachmentResolver(attachments),
    customerConversations: new CustomerConversationsResolver(support),
    policyConversations: new PolicyConversationsResolver(support),
    claimConversation: new ClaimConversationResolver(support),
    personalData: new PersonalDataSupportResolver(support),
    feed: new ConversationFeedSubscription(),
    cannedReplies: new CannedReplyResolver(
      new CannedReplyService(await CannedReplyRepository.open(stores.documents), deps.now),
    ),
    transcripts: new TranscriptResolver(transcripts),
  });
  const services: SupportSubscriptionServices = {
    events: stores.events,
    hub: await ConversationHub.start(stores.events, log),
  };
  return startSubgraphServer({
    name: 'support',
    schema,
    port: config.PORT,
    config,
    log,
    // Not ready while a read model's projection is down (it restarts by itself).
    healthy: () => Promise.resolve(readModelLeadership.up),
    endedSessions: followIdentitysEndedSessions(config, internalRequests, log),
    subscriptions: true,
    services,
    registerMetrics: (registry) => registerMetricGroups(registry, [stores.metrics, metrics, notices.metrics]),
    files: (router) => {
      transcriptRoutes(transcripts, log)(router);
      attachmentRoutes(attachments, log)(router);
    },
    verifier: createAccessTokenVerifier(
      { jwksUrl: config.JWKS_URL },
      { issuer: config.TOKEN_ISSUER, audience: config.TOKEN_AUDIENCE },
    ),
    async onStop() {
      await readModelLeadership.stop();
      await services.hub.stop();
      await stores.events.close();
      await stores.documents.close();
      await stores.readModelDocuments.close();
    },
  });
}
