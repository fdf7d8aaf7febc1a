import { randomUUID } from 'node:crypto';
import { ActivityRecorder } from '@cabinet/platform/activity';
import { createAccessTokenVerifier, followIdentitysEndedSessions } from '@cabinet/platform/auth';
import { instrumentEventStore } from '@cabinet/platform/eventstore';
import {
  createInternalRequestSigner,
  requireInternalRequestSecret,
} from '@cabinet/platform/internal-requests';
import { startSubgraphServer } from '@cabinet/platform/graphql';
import { createLogger } from '@cabinet/platform/logging';
import { createStoreMetrics, registerMetricGroups } from '@cabinet/platform/metrics';
import type { RunningService } from '@cabinet/platform/process';
import { claimActivity } from './claim/application/claimActivity.ts';
import { ClaimCommandHandler } from './claim/application/claimCommandHandler.ts';
import { createClaimNumberMetrics } from './claim/application/claimNumberMetrics.ts';
import { ClaimNumberSequence } from './claim/application/claimNumberSequence.ts';
import { claimRulesFromConfig } from './claim/application/claimRulesFromConfig.ts';
import { ClaimService } from './claim/application/claimService.ts';
import { ClaimResolver, CustomerClaimsResolver } from './claim/graphql/claim.resolver.ts';
import {
  ClaimStatusSubscription,
  type ClaimSubscriptionServices,
} from './statusFeed/graphql/claimStatus.subscription.ts';
import { ClaimStatusHub } from './statusFeed/application/claimStatusHub.ts';
import { ownClaimsIndex } from './statusFeed/storage/ownClaimsIndex.ts';
import { ClaimCardResolver } from './claim/graphql/claimCard.resolver.ts';
import { ClaimLogResolver } from './claim/graphql/claimLog.resolver.ts';
import { ClaimQueueResolver } from './claim/graphql/claimQueue.resolver.ts';
import { ClaimCardReader } from './claim/storage/claimCardReader.ts';
import { openClaimReadModels } from './claim/storage/claimReadModels.ts';
import { leadClaimReadModels } from './claim/application/claimReadModelLeadership.ts';
import { DocumentResolver } from './documents/graphql/document.resolver.ts';
import { documentRoutes } from './documents/http/documentRoutes.ts';
import { openDocumentService } from './documents/application/openDocumentService.ts';
import { ClaimHistoryResolver } from './history/graphql/claimHistory.resolver.ts';
import { ClaimHistoryExport } from './history/application/claimHistoryExport.ts';
import { openClaimsDocuments, openClaimsEvents } from './claimsStorage.ts';
import type { ClaimsConfig } from './config.ts';
import { PolicyClient } from './claim/application/policyClient.ts';
import { StaffRegisterClient } from '@cabinet/platform/staff';
import { CustomerEmailClient } from '@cabinet/platform/notifications';
import { openFileLinks } from '@cabinet/platform/files';
import type { LinkGrant } from './documents/application/linkGrants.ts';
import { consentRevocationReaction, CustomerKeyVault } from '@cabinet/platform/privacy';
import { eraseCustomerReadModels } from './privacy/application/eraseCustomerReadModels.ts';
import { openClaimNotifications } from './notifications/application/claimNotifications.ts';
import { claimsSchema } from './schema.ts';

export interface ClaimsDependencies {
  readonly now: () => Date;
}

export async function start(
  config: ClaimsConfig,
  deps: ClaimsDependencies = { now: () => new Date() },
): Promise<RunningService> {
  const log = createLogger('claims', config.LOG_LEVEL);
  const storeMetrics = createStoreMetrics(deps.now);
  const events = instrumentEventStore(await openClaimsEvents(config), storeMetrics.eventStore);
  const documents = await openClaimsDocuments(config);
  const readModels = await openClaimReadModels(documents);
  const { summaries } = readModels;
  const vault = await CustomerKeyVault.open(documents, deps.now);
  const fileLinks = await openFileLinks<LinkGrant>(config, 'claims');
  const claimDocuments = await openDocumentService(config, { documents, vault }, fileLinks, deps.now);
  const notifications = await openClaimNotifications(
    config,
    { events, documents, vault },
    deps.now,
    log,
    storeMetrics.projections,
  );
  const readModelLeadership = await leadClaimReadModels(
    { events, documents },
    {
      now: deps.now,
      log,
      monitor: storeMetrics.projections,
      alsoRun: (leading) =>
        Promise.resolve([
          consentRevocationReaction(
            vault,
            eraseCustomerReadModels({ cards: leading.cards, documents: claimDocuments.service }),
            log,
          ),
        ]),
      // One instance sends the notices: the others' dispatchers would race it for every entry.
      alsoLead: (fenced) => notifications.run(fenced),
    },
  );
  const handler = new ClaimCommandHandler(
    events,
    vault,
    claimRulesFromConfig(config),
    claimActivity(new ActivityRecorder({ events, service: 'claims', now: deps.now, newId: randomUUID }), log),
  );
  const numbers = await ClaimNumberSequence.open(documents);
  // Policy and identity answer claims' own calls only with this proof, as they answer the gateway's.
  const internalRequests = createInternalRequestSigner(
    requireInternalRequestSecret(config.INTERNAL_REQUEST_SECRET),
    'claims',
  );
  const service = new ClaimService(
    events,
    handler,
    summaries,
    numbers,
    new PolicyClient(config.POLICY_URL, config.POLICY_TIMEOUT_MS, internalRequests),
    new StaffRegisterClient(config.IDENTITY_URL, config.IDENTITY_TIMEOUT_MS, internalRequests, 'claims'),
    new CustomerEmailClient(config.IDENTITY_URL, config.IDENTITY_TIMEOUT_MS, internalRequests, 'claims'),
    deps.now,
  );

  const cardReader = new ClaimCardReader(events, readModels.cards, vault);
  const history = new ClaimHistoryExport(cardReader, summaries, fileLinks.signer, fileLinks.links, deps.now);
  const schema = await claimsSchema({
    claim: new ClaimResolver(service, deps.now, claimDocuments.service),
    customerClaims: new CustomerClaimsResolver(service, deps.now),
    statusSubscription: new ClaimStatusSubscription(),
    card: new ClaimCardResolver(cardReader, claimDocuments.service),
    queue: new ClaimQueueResolver(readModels.queue, deps.now),
    log: new ClaimLogResolver(events),
    documents: new DocumentResolver(claimDocuments.service, service, deps.now),
    history: new ClaimHistoryResolver(history),
  });
  const statusHub = await ClaimStatusHub.start(events, log, storeMetrics.subscriptions);
  const services: ClaimSubscriptionServices = {
    statusFeed: {
      hub: statusHub,
      events,
      ownClaims: ownClaimsIndex(documents, summaries),
      maxResumeEvents: config.STATUS_RESUME_MAX_EVENTS,
    },
  };
  return startSubgraphServer({
    name: 'claims',
    schema,
    port: config.PORT,
    config,
    log,
    subscriptions: true,
    // Not ready while a read model's projection is down (it restarts by itself).
    healthy: () => Promise.resolve(readModelLeadership.up),
    services,
    registerMetrics: (registry) =>
      registerMetricGroups(registry, [
        storeMetrics,
        notifications.metrics,
        createClaimNumberMetrics(numbers, summaries),
      ]),
    files: documentRoutes(claimDocuments.service, history, log),
    verifier: createAccessTokenVerifier(
      { jwksUrl: config.JWKS_URL },
      { issuer: config.TOKEN_ISSUER, audience: config.TOKEN_AUDIENCE },
    ),
    endedSessions: followIdentitysEndedSessions(config, internalRequests, log),
    async onStop() {
      await readModelLeadership.stop();
      await statusHub.stop();
      await events.close();
      await documents.close();
      await claimDocuments.blobs.close();
    },
  });
}
