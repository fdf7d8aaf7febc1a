import { join } from 'node:path';
import { randomUUID } from 'node:crypto';
import { ActivityRecorder, requestClientMiddleware } from '@cabinet/platform/activity';
import { createAccessTokenVerifier } from '@cabinet/platform/auth';
import { openDocumentStore } from '@cabinet/platform/documents';
import { instrumentEventStore, openEventStore } from '@cabinet/platform/eventstore';
import { startSubgraphServer } from '@cabinet/platform/graphql';
import { createLogger } from '@cabinet/platform/logging';
import { createStoreMetrics, registerMetricGroups } from '@cabinet/platform/metrics';
import type { RunningService } from '@cabinet/platform/process';
import { runProjection } from '@cabinet/platform/projections';
import { claimActivity } from './claim/application/claimActivity.ts';
import { ClaimCommandHandler } from './claim/application/claimCommandHandler.ts';
import { ClaimNumberSequence } from './claim/application/claimNumberSequence.ts';
import { claimRulesFromConfig } from './claim/application/claimRulesFromConfig.ts';
import { ClaimService } from './claim/application/claimService.ts';
import { ClaimResolver, CustomerClaimsResolver } from './claim/graphql/claim.resolver.ts';
import {
  ClaimStatusSubscription,
  type ClaimSubscriptionServices,
} from './claim/graphql/claimStatus.subscription.ts';
import { ClaimStatusHub } from './claim/statusFeed/claimStatusHub.ts';
import { ClaimCardResolver } from './claim/graphql/claimCard.resolver.ts';
import { ClaimLogResolver } from './claim/graphql/claimLog.resolver.ts';
import { ClaimQueueResolver } from './claim/graphql/claimQueue.resolver.ts';
import { ClaimCardReader } from './claim/readModel/claimCardReader.ts';
import { openClaimReadModels } from './claim/readModel/claimReadModels.ts';
import { holdReadModelsForService } from './claim/readModel/readModelLease.ts';
import { DocumentResolver } from './documents/document.resolver.ts';
import { documentRoutes } from './documents/documentRoutes.ts';
import { openDocumentService } from './documents/openDocumentService.ts';
import { ClaimHistoryResolver } from './history/claimHistory.resolver.ts';
import { ClaimHistoryExport } from './history/claimHistoryExport.ts';
import { consentRevocationReaction } from './privacy/consentRevocationReaction.ts';
import type { ClaimsConfig } from './config.ts';
import { PolicyClient } from './policyService/policyClient.ts';
import { CustomerKeyVault } from './privacy/customerKeyVault.ts';
import { startClaimNotifications } from './notifications/claimNotifications.ts';
import { seedDemoClaims } from './demo/seedDemoClaims.ts';
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
  const events = instrumentEventStore(
    await openEventStore({ url: config.EVENTSTORE_URL, sqliteFile: join(config.DATA_DIR, 'events.sqlite') }),
    storeMetrics.eventStore,
  );
  const documents = await openDocumentStore({
    mongodbUrl: config.MONGODB_URL,
    database: 'claims',
    sqliteFile: join(config.DATA_DIR, 'claims', 'documents.sqlite'),
  });
  const readModelLease = await holdReadModelsForService(documents, deps.now, log);
  const readModels = await openClaimReadModels(documents);
  const { summaries } = readModels;
  const projections = await Promise.all(
    readModels.projections.map((projection) =>
      runProjection(projection, events, documents, log, storeMetrics.projections),
    ),
  );
  const vault = await CustomerKeyVault.open(documents, deps.now);
  let listeningOn = config.PORT;
  const links = {
    baseUrl: () => (config.PUBLIC_URL ?? `http://localhost:${listeningOn}`).replace(/\/+$/, ''),
  };
  const claimDocuments = await openDocumentService(config, { documents, vault }, links, deps.now);
  projections.push(
    await runProjection(
      consentRevocationReaction({ vault, cards: readModels.cards, documents: claimDocuments.service }, log),
      events,
      documents,
      log,
      storeMetrics.projections,
    ),
  );
  const notifications = await startClaimNotifications(
    config,
    { events, documents, vault },
    deps.now,
    log,
    storeMetrics.projections,
  );
  const handler = new ClaimCommandHandler(
    events,
    vault,
    claimRulesFromConfig(config),
    claimActivity(new ActivityRecorder({ events, service: 'claims', now: deps.now, newId: randomUUID }), log),
  );
  const numbers = await ClaimNumberSequence.open(documents);
  if (config.SEED_DEMO_CLAIMS === 'yes') {
    const asOf = config.DEMO_DATA_AS_OF;
    const seeded = await seedDemoClaims({ events, handler, numbers, now: asOf ? () => asOf : deps.now });
    if (seeded > 0) log.info({ claims: seeded }, 'seeded demo claims');
  }
  const service = new ClaimService(
    events,
    handler,
    summaries,
    numbers,
    new PolicyClient(config.POLICY_URL, config.POLICY_TIMEOUT_MS),
    deps.now,
  );

  const cardReader = new ClaimCardReader(events, readModels.cards, vault);
  const history = new ClaimHistoryExport(cardReader, summaries, claimDocuments.signer, links, deps.now);
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
  const services: ClaimSubscriptionServices = {
    events,
    statusHub: await ClaimStatusHub.start(events, log, storeMetrics.subscriptions),
  };
  const running = await startSubgraphServer({
    name: 'claims',
    schema,
    port: config.PORT,
    host: config.HOST,
    log,
    subscriptions: true,
    services,
    registerMetrics: (registry) => registerMetricGroups(registry, [storeMetrics, notifications.metrics]),
    routes: (app) => {
      app.use(requestClientMiddleware());
      documentRoutes(claimDocuments.service, history, log)(app);
    },
    verifier: createAccessTokenVerifier(
      { jwksUrl: config.JWKS_URL },
      { issuer: config.TOKEN_ISSUER, audience: config.TOKEN_AUDIENCE },
    ),
    async onStop() {
      await Promise.all(projections.map((projection) => projection.stop()));
      await readModelLease.release();
      await notifications.stop();
      await services.statusHub.stop();
      await events.close();
      await documents.close();
      await claimDocuments.blobs.close();
    },
  });
  listeningOn = running.port;
  return running;
}
