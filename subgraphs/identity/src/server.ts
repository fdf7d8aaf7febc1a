import { randomBytes, randomUUID } from 'node:crypto';
import { join } from 'node:path';
import { ActivityRecorder, requestClientMiddleware } from '@cabinet/platform/activity';
import { createAccessTokenSigner, createAccessTokenVerifier } from '@cabinet/platform/auth';
import { openDocumentStore } from '@cabinet/platform/documents';
import { instrumentEventStore, openEventStore } from '@cabinet/platform/eventstore';
import { startSubgraphServer } from '@cabinet/platform/graphql';
import { createLogger } from '@cabinet/platform/logging';
import { createEventStoreMetrics, registerMetricGroups } from '@cabinet/platform/metrics';
import type { RunningService } from '@cabinet/platform/process';
import { ActivityLog } from './activity/activityLog.ts';
import { ActivityResolver } from './activity/activity.resolver.ts';
import type { IdentityConfig } from './config.ts';
import { ConsentResolver } from './consent/consent.resolver.ts';
import { ConsentRepository } from './consent/consentRepository.ts';
import { ConsentService } from './consent/consentService.ts';
import { runDueErasures } from './consent/erasureJob.ts';
import { ErasureRepository } from './consent/erasureRepository.ts';
import { CustomerRepository } from './customer/customerRepository.ts';
import { CustomerResolver } from './customer/customer.resolver.ts';
import { PersonalDataResolver } from './customer/personalData.resolver.ts';
import { seedDemoCustomers } from './customer/seedDemoCustomers.ts';
import { esiaFrom } from './esiaSetup.ts';
import { jwksRoute } from './keys/jwksRoute.ts';
import { KEY_RING_RELOAD_MS, SigningKeys } from './keys/signingKeys.ts';
import { oauthTokenRoute } from './partner/oauthTokenRoute.ts';
import { PartnerRepository } from './partner/partnerRepository.ts';
import { seedDemoPartners } from './partner/seedDemoPartners.ts';
import { RateLimiter } from './rateLimit/rateLimiter.ts';
import { identitySchema } from './schema.ts';
import { SessionRepository } from './session/sessionRepository.ts';
import { SessionResolver } from './session/session.resolver.ts';
import { SessionService } from './session/sessionService.ts';
import { GosuslugiSignIn } from './signIn/gosuslugiSignIn.ts';
import { SignInAttemptRepository } from './signIn/signInAttemptRepository.ts';
import { seedDemoStaff } from './staff/seedDemoStaff.ts';
import { StaffRepository } from './staff/staffRepository.ts';
import { StaffSignIn } from './staff/staffSignIn.ts';

export interface IdentityOptions {
  /** The clock of every rule with a deadline (sign-in attempts, sessions, limits); tests move it. */
  readonly now?: () => Date;
}

const DAY_MS = 24 * 60 * 60 * 1000;
const JOB_INTERVAL_MS = 60 * 60 * 1000;

export async function start(config: IdentityConfig, options: IdentityOptions = {}): Promise<RunningService> {
  const now = options.now ?? (() => new Date());
  const log = createLogger('identity', config.LOG_LEVEL);
  const documents = await openDocumentStore({
    mongodbUrl: config.MONGODB_URL,
    database: 'identity',
    sqliteFile: join(config.DATA_DIR, 'identity', 'documents.sqlite'),
  });
  // The event store every service shares: the activity log and the customer lifecycle events.
  const eventStoreMetrics = createEventStoreMetrics();
  const events = instrumentEventStore(
    await openEventStore({ url: config.EVENTSTORE_URL, sqliteFile: join(config.DATA_DIR, 'events.sqlite') }),
    eventStoreMetrics,
  );
  const keys = await SigningKeys.open(
    config.SIGNING_KEYS_FILE,
    config.SIGNING_KEY_MAX_AGE_DAYS * DAY_MS,
    now,
    log,
  );
  const audience = { issuer: config.TOKEN_ISSUER, audience: config.TOKEN_AUDIENCE };
  const signer = createAccessTokenSigner(keys.current, audience);
  const esia = await esiaFrom(config, now);

  const [customers, sessionStore, consentStore, erasures, attempts, staff, partners, limiter] =
    await Promise.all([
      CustomerRepository.open(documents),
      SessionRepository.open(documents),
      ConsentRepository.open(documents),
      ErasureRepository.open(documents),
      SignInAttemptRepository.open(documents),
      StaffRepository.open(documents),
      PartnerRepository.open(documents),
      RateLimiter.open(documents, now),
    ]);
  if (config.SEED_DEMO_DATA === 'yes') {
    const seeded = {
      customers: await seedDemoCustomers(customers),
      staff: await seedDemoStaff(staff),
      partners: await seedDemoPartners(partners),
    };
    log.info(seeded, 'seeded demo data');
  }

  const activity = new ActivityRecorder({ events, service: 'identity', now, newId: randomUUID });
  const sessions = new SessionService({
    sessions: sessionStore,
    signer,
    consentVersionOf: async (customerId) => (await customers.get(customerId))?.consentVersion ?? null,
    now,
    newId: randomUUID,
    randomBytes: (size) => new Uint8Array(randomBytes(size)),
  });
  const windowMs = config.SIGN_IN_LIMIT_WINDOW_SECONDS * 1000;
  const perIp = { max: config.SIGN_IN_LIMIT_PER_IP, windowMs };
  const gosuslugi = new GosuslugiSignIn({
    esia: esia.client,
    verifier: esia.verifier,
    attempts,
    customers,
    sessions,
    limiter,
    activity,
    redirectUris: config.ESIA_REDIRECT_URIS,
    limits: { perIp, perPerson: { max: config.SIGN_IN_LIMIT_PER_PERSON, windowMs } },
    now,
    newId: randomUUID,
  });
  const consents = new ConsentService({
    customers,
    consents: consentStore,
    erasures,
    sessions,
    events,
    activity,
    eraseAfterDays: config.ERASURE_AFTER_DAYS,
    now,
    newId: randomUUID,
  });
  const activityLog = new ActivityLog(events);
  const esiaLogoutUrl = () => esia.client.logoutUrl(config.ESIA_LOGOUT_REDIRECT_URL);

  const schema = await identitySchema({
    customer: new CustomerResolver(customers),
    session: new SessionResolver(
      gosuslugi,
      new StaffSignIn({ staff, sessions, limiter, activity, perIp }),
      sessions,
      activity,
      esiaLogoutUrl,
      now,
    ),
    consent: new ConsentResolver(consents, sessions, esiaLogoutUrl),
    activity: new ActivityResolver(activityLog),
    personalData: new PersonalDataResolver(customers, consents, sessions, activityLog, now),
  });
  const verifier = createAccessTokenVerifier({ keyRing: keys.current }, audience);

  const runJobs = async () => {
    await keys.refresh();
    await runDueErasures({
      erasures,
      customers,
      sessions: sessionStore,
      events,
      activity,
      log,
      now,
      newId: randomUUID,
    });
    await attempts.deleteExpired(now(), 500);
  };
  const jobFailed = (error: unknown) => log.error({ err: error }, 'identity background job failed');
  await runJobs();
  const reload = setInterval(() => void keys.refresh().catch(jobFailed), KEY_RING_RELOAD_MS);
  const jobs = setInterval(() => void runJobs().catch(jobFailed), JOB_INTERVAL_MS);
  reload.unref();
  jobs.unref();

  return startSubgraphServer({
    name: 'identity',
    schema,
    port: config.PORT,
    host: config.HOST,
    log,
    verifier,
    registerMetrics: (registry) => registerMetricGroups(registry, [eventStoreMetrics]),
    routes: (app) => {
      app.use(requestClientMiddleware());
      jwksRoute(keys.current)(app);
      oauthTokenRoute({ partners, signer, activity, log, now, newId: randomUUID })(app);
    },
    onStop: async () => {
      clearInterval(reload);
      clearInterval(jobs);
      await documents.close();
      await events.close();
    },
  });
}
