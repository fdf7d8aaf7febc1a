import { join } from 'node:path';
import {
  createAccessTokenVerifier,
  createLogger,
  openDocumentStore,
  openEventStore,
  runProjection,
  startSubgraphServer,
  type RunningService,
} from '@cabinet/platform';
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
import { claimSummaryProjection } from './claim/readModel/claimSummaryProjection.ts';
import { ClaimSummaryRepository } from './claim/readModel/claimSummaryRepository.ts';
import type { ClaimsConfig } from './config.ts';
import { PolicyClient } from './policyService/policyClient.ts';
import { CustomerKeyVault } from './privacy/customerKeyVault.ts';
import { startClaimNotifications } from './notifications/claimNotifications.ts';
import { claimsSchema } from './schema.ts';

export interface ClaimsDependencies {
  readonly now: () => Date;
}

export async function start(
  config: ClaimsConfig,
  deps: ClaimsDependencies = { now: () => new Date() },
): Promise<RunningService> {
  const log = createLogger('claims', config.LOG_LEVEL);
  const events = await openEventStore({
    url: config.EVENTSTORE_URL,
    sqliteFile: join(config.DATA_DIR, 'events.sqlite'),
  });
  const documents = await openDocumentStore({
    mongodbUrl: config.MONGODB_URL,
    database: 'claims',
    sqliteFile: join(config.DATA_DIR, 'claims', 'documents.sqlite'),
  });
  const summaries = await ClaimSummaryRepository.open(documents);
  const projection = await runProjection(claimSummaryProjection(summaries), events, documents, log);
  const vault = await CustomerKeyVault.open(documents, deps.now);
  const notifications = await startClaimNotifications(config, { events, documents, vault }, deps.now, log);
  const service = new ClaimService(
    events,
    new ClaimCommandHandler(events, vault, claimRulesFromConfig(config)),
    summaries,
    await ClaimNumberSequence.open(documents),
    new PolicyClient(config.POLICY_URL, config.POLICY_TIMEOUT_MS),
    deps.now,
  );

  const schema = await claimsSchema({
    claim: new ClaimResolver(service, deps.now),
    customerClaims: new CustomerClaimsResolver(service, deps.now),
    statusSubscription: new ClaimStatusSubscription(),
  });
  const services: ClaimSubscriptionServices = { events, statusHub: await ClaimStatusHub.start(events, log) };
  return startSubgraphServer({
    name: 'claims',
    schema,
    port: config.PORT,
    host: config.HOST,
    log,
    subscriptions: true,
    services,
    verifier: createAccessTokenVerifier(
      { jwksUrl: config.JWKS_URL },
      { issuer: config.TOKEN_ISSUER, audience: config.TOKEN_AUDIENCE },
    ),
    async onStop() {
      await projection.stop();
      await notifications.stop();
      await services.statusHub.stop();
      await events.close();
      await documents.close();
    },
  });
}
