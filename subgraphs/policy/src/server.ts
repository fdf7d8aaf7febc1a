import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import { ACTIVITY_EVENT_TYPES, ActivityRecorder } from '@cabinet/platform/activity';
import { createAccessTokenVerifier, followIdentitysEndedSessions } from '@cabinet/platform/auth';
import {
  createInternalRequestSigner,
  requireInternalRequestSecret,
} from '@cabinet/platform/internal-requests';
import { instrumentEventStore, openEventStore } from '@cabinet/platform/eventstore';
import { startSubgraphServer, type SubgraphServerOptions } from '@cabinet/platform/graphql';
import type { DocumentStore } from '@cabinet/platform/documents';
import {
  LinkSigner,
  loadOrCreateLinkSigningKey,
  publicFilesBase,
  PublicLinks,
} from '@cabinet/platform/files';
import { createLogger, type Logger } from '@cabinet/platform/logging';
import { createEventStoreMetrics, registerMetricGroups } from '@cabinet/platform/metrics';
import type { RunningService } from '@cabinet/platform/process';
import type { PolicyConfig } from './config.ts';
import { openPolicyDocuments } from './dataImport.ts';
import { DocumentLinks } from './documents/application/documentLinks.ts';
import { PolicyCheckLinks, type PolicyCheckGrant } from './documents/application/policyCheckLinks.ts';
import { policyDocumentRoute } from './documents/http/documentRoute.ts';
import { policyCheckRoute } from './documents/http/policyCheckRoute.ts';
import { createDevCardProvider } from './payments/application/devCardProvider.ts';
import { paymentActivity } from './payments/application/paymentActivity.ts';
import { PaymentMethodsResolver } from './payments/graphql/paymentMethods.resolver.ts';
import { createPaymentMetrics } from './payments/application/paymentMetrics.ts';
import { PaymentMethodRepository } from './payments/storage/paymentMethodRepository.ts';
import { PaymentMethods } from './payments/application/paymentMethods.ts';
import { PaymentProcessor } from './payments/application/paymentProcessor.ts';
import { PaymentRepository } from './payments/storage/paymentRepository.ts';
import { expireEndedPolicies } from './policy/application/expirePolicies.ts';
import { CustomerPoliciesResolver, PolicyResolver } from './policy/graphql/policy.resolver.ts';
import { PolicyOperationsResolver } from './policy/graphql/policyOperations.resolver.ts';
import { policyPaymentEffects } from './policy/application/paymentEffects.ts';
import { PolicyNumbers } from './policy/storage/policyNumbers.ts';
import { PolicyOperations } from './policy/application/policyOperations.ts';
import { PolicyRepository } from './policy/storage/policyRepository.ts';
import { PolicyReadCache } from './policy/storage/policyReadCache.ts';
import { StalePolicyReads, type CachedRead } from './policy/storage/stalePolicyReads.ts';
import { staleResponses } from './policy/graphql/staleResponses.ts';
import { QuoteRepository } from './policy/storage/quoteRepository.ts';
import { policySchema } from './schema.ts';

export interface PolicyDependencies {
  readonly now: () => Date;
  readonly newId: () => string;
  /**
   * Routes that let end-to-end tests break the service (POLICY_TEST_HOOKS=yes), given only by the
   * test-hook entry (mainWithTestHooks.ts): the production build has neither.
   */
  readonly testHookRoutes?: (documents: DocumentStore, log: Logger) => (app: ServerApp) => void;
}

type ServerApp = Parameters<NonNullable<SubgraphServerOptions['routes']>>[0];

export async function start(
  config: PolicyConfig,
  deps: PolicyDependencies = { now: () => new Date(), newId: randomUUID },
): Promise<RunningService> {
  const log = createLogger('policy', config.LOG_LEVEL);
  if (config.POLICY_TEST_HOOKS === 'yes' && deps.testHookRoutes === undefined)
    throw new Error(
      'POLICY_TEST_HOOKS=yes: the test hooks are not part of this entry; start src/mainWithTestHooks.ts',
    );
  const documents = await openPolicyDocuments(config);
  const policies = await PolicyRepository.open(documents);
  const numbers = await PolicyNumbers.open(documents);
  // The event store every service shares; this service writes only the customers' activity log to it.
  const eventStoreMetrics = createEventStoreMetrics();
  const events = instrumentEventStore(
    await openEventStore({
      url: config.EVENTSTORE_URL,
      sqliteFile: join(config.DATA_DIR, 'events.sqlite'),
      eventTypes: ACTIVITY_EVENT_TYPES,
    }),
    eventStoreMetrics,
  );
  const activity = new ActivityRecorder({ events, service: 'policy', now: deps.now, newId: deps.newId });
  const quotes = await QuoteRepository.open(documents);
  const payments = await PaymentRepository.open(documents);
  const provider = createDevCardProvider(deps.newId);
  const methods = new PaymentMethods(await PaymentMethodRepository.open(documents), provider, deps);
  const processor = new PaymentProcessor(
    payments,
    provider,
    policyPaymentEffects({ policies, quotes, numbers, clock: deps }),
    deps,
    log,
    paymentActivity(activity, log),
  );
  const operations = new PolicyOperations(policies, quotes, methods, processor, deps);

  const linkKey =
    config.DOCUMENT_LINK_SECRET === undefined
      ? // The platform's base64 key file; the hex document-link.key of earlier versions is left unread.
        await loadOrCreateLinkSigningKey(join(config.DATA_DIR, 'policy', 'file-link.key'))
      : Buffer.from(config.DOCUMENT_LINK_SECRET, 'utf8');
  const links = new DocumentLinks(linkKey, publicFilesBase(config.PUBLIC_URL, 'policy'));
  const checkLinks = new PolicyCheckLinks(
    new LinkSigner<PolicyCheckGrant>(linkKey),
    PublicLinks.of(config.PUBLIC_URL, 'policy'),
  );
  const cache = new PolicyReadCache<CachedRead>(
    {
      customers: config.POLICY_CACHE_CUSTOMERS,
      entriesPerCustomer: config.POLICY_CACHE_ENTRIES_PER_CUSTOMER,
      maxStalenessMs: config.POLICY_CACHE_MAX_STALENESS_MS,
    },
    deps.now,
  );
  const read = { reads: new StalePolicyReads(policies, cache), payments, links, now: deps.now };
  const schema = await policySchema({
    policy: new PolicyResolver(read),
    customerPolicies: new CustomerPoliciesResolver(read),
    operations: new PolicyOperationsResolver(operations, deps.now),
    paymentMethods: new PaymentMethodsResolver(methods),
  });

  const housekeeping = async () => {
    const reconciled = await processor.reconcile();
    const expired = await expireEndedPolicies(policies, deps.now());
    if (reconciled.settled + reconciled.fulfilled + expired > 0)
      log.info({ ...reconciled, expired }, 'housekeeping');
  };
  await housekeeping();
  const timer = setInterval(() => {
    housekeeping().catch((error: unknown) => log.error({ err: error }, 'housekeeping failed'));
  }, config.HOUSEKEEPING_INTERVAL_MS);
  timer.unref();

  const server = await startSubgraphServer({
    name: 'policy',
    schema,
    port: config.PORT,
    config,
    log,
    verifier: createAccessTokenVerifier(
      { jwksUrl: config.JWKS_URL },
      { issuer: config.TOKEN_ISSUER, audience: config.TOKEN_AUDIENCE },
    ),
    endedSessions: followIdentitysEndedSessions(
      config,
      createInternalRequestSigner(requireInternalRequestSecret(config.INTERNAL_REQUEST_SECRET), 'policy'),
      log,
    ),
    registerMetrics: (registry) =>
      registerMetricGroups(registry, [eventStoreMetrics, createPaymentMetrics(payments, deps.now)]),
    routes: (app) => {
      if (config.POLICY_TEST_HOOKS === 'yes') deps.testHookRoutes?.(documents, log)(app);
      staleResponses(app);
    },
    files: (router) => {
      policyDocumentRoute({ links, checkLinks, policies, now: deps.now, log })(router);
      policyCheckRoute({ checkLinks, policies, now: deps.now, log })(router);
    },
    onStop: async () => {
      clearInterval(timer);
      await documents.close();
      await events.close();
    },
  });
  return server;
}
