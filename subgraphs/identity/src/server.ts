import { randomBytes, randomUUID } from 'node:crypto';
import { join } from 'node:path';
import { ACTIVITY_EVENT_TYPES, ActivityRecorder } from '@cabinet/platform/activity';
import { CUSTOMER_LIFECYCLE_EVENT_TYPES } from '@cabinet/platform/privacy';
import {
  createAccessTokenSigner,
  createAccessTokenVerifier,
  ENDED_SESSION_KEEP_MS,
  followEndedSessions,
  type AccessTokenSigner,
  type AccessTokenVerifier,
} from '@cabinet/platform/auth';
import type { DocumentStore } from '@cabinet/platform/documents';
import { instrumentEventStore, openEventStore, type EventStore } from '@cabinet/platform/eventstore';
import { startSubgraphServer } from '@cabinet/platform/graphql';
import {
  createInternalRequestVerifier,
  requireInternalRequestSecret,
} from '@cabinet/platform/internal-requests';
import { createLogger, type Logger } from '@cabinet/platform/logging';
import {
  createEventStoreMetrics,
  registerMetricGroups,
  type EventStoreMetrics,
} from '@cabinet/platform/metrics';
import type { RunningService } from '@cabinet/platform/process';
import type { GraphQLSchema } from 'graphql';
import { ActivityLog } from './activity/storage/activityLog.ts';
import { ActivityResolver } from './activity/graphql/activity.resolver.ts';
import type { IdentityConfig } from './config.ts';
import { openIdentityDocuments } from './dataImport.ts';
import { ConsentResolver } from './consent/graphql/consent.resolver.ts';
import { ConsentRepository } from './consent/storage/consentRepository.ts';
import { ConsentService } from './consent/application/consentService.ts';
import { runDueErasures } from './consent/application/erasureJob.ts';
import { ErasureRepository } from './consent/storage/erasureRepository.ts';
import { CustomerRepository } from './customer/storage/customerRepository.ts';
import { CustomerResolver } from './customer/graphql/customer.resolver.ts';
import { PersonalDataResolver } from './personalData/graphql/personalData.resolver.ts';
import { esiaFrom, type EsiaSetup } from './esia/application/esiaFromConfig.ts';
import { jwksRoute } from './keys/http/jwksRoute.ts';
import { KEY_RING_RELOAD_MS, SigningKeys } from './keys/application/signingKeys.ts';
import { PartnerAuthentication } from './partner/application/partnerAuthentication.ts';
import { oauthTokenRoute } from './partner/http/oauthTokenRoute.ts';
import { PartnerRepository } from './partner/storage/partnerRepository.ts';
import { RateLimiter } from './rateLimit/application/rateLimiter.ts';
import { SIGN_IN_BACKOFF } from './rateLimit/domain/failureBackoff.ts';
import { identitySchema } from './schema.ts';
import { HashQueue } from './secrets/application/hashQueue.ts';
import { requestSignalMiddleware } from './secrets/application/requestSignal.ts';
import { EndedSessionFeed } from './session/application/endedSessionFeed.ts';
import { endedSessionsRoute } from './session/http/endedSessionsRoute.ts';
import { SessionRepository } from './session/storage/sessionRepository.ts';
import { SessionResolver } from './session/graphql/session.resolver.ts';
import { SessionService } from './session/application/sessionService.ts';
import { GosuslugiSignIn } from './signIn/application/gosuslugiSignIn.ts';
import { SignInResolver } from './signIn/graphql/signIn.resolver.ts';
import { SignInAttemptRepository } from './signIn/storage/signInAttemptRepository.ts';
import { StaffRepository } from './staff/storage/staffRepository.ts';
import { StaffMemberResolver } from './staff/graphql/staffMember.resolver.ts';
import { StaffSignIn } from './signIn/application/staffSignIn.ts';

export interface IdentityOptions {
  /** The clock of every rule with a deadline (sign-in attempts, sessions, limits); tests move it. */
  readonly now?: () => Date;
}

const DAY_MS = 24 * 60 * 60 * 1000;
const JOB_INTERVAL_MS = 60 * 60 * 1000;
/** Ends older than an access token's lifetime leave the feed's store about this often. */
const ENDED_SESSIONS_PRUNE_MS = 60 * 1000;

/** Opens identity's stores, builds its capabilities on them and serves; adapters are chosen here only. */
export async function start(config: IdentityConfig, options: IdentityOptions = {}): Promise<RunningService> {
  const now = options.now ?? (() => new Date());
  const log = createLogger('identity', config.LOG_LEVEL);
  const stores = await openStores(config, now);
  const hashes = new HashQueue({
    concurrency: config.PASSWORD_HASH_CONCURRENCY,
    queueLength: config.PASSWORD_HASH_QUEUE_LENGTH,
    perClient: config.PASSWORD_HASH_PER_ADDRESS,
  });
  const base: Foundation = { config, now, log, stores, hashes };
  const tokens = await openAccessTokens(base);
  const esia = await esiaFrom(config, now);
  const sessions = buildSessions(base, tokens.signer);
  const signIn = buildSignIn(base, esia, sessions);
  const consents = buildConsent(base, sessions);
  const schema = await buildSchema(base, { esia, sessions, signIn, consents });
  const endedSessions = new EndedSessionFeed({
    sessions: stores.sessions,
    now,
    keepMs: ENDED_SESSION_KEEP_MS,
  });
  const jobs = await scheduleJobs(base, tokens.keys, endedSessions);
  return serve(base, { schema, tokens, jobs, endedSessions });
}

/** Identity's documents, the event store it shares with the other services, and the stores over them. */
interface Stores {
  readonly documents: DocumentStore;
  /** The activity log and the customer lifecycle events. */
  readonly events: EventStore;
  readonly eventStoreMetrics: EventStoreMetrics;
  /** Writes identity's entries of the activity log. */
  readonly activity: ActivityRecorder;
  readonly customers: CustomerRepository;
  readonly sessions: SessionRepository;
  readonly consents: ConsentRepository;
  readonly erasures: ErasureRepository;
  readonly attempts: SignInAttemptRepository;
  readonly staff: StaffRepository;
  readonly partners: PartnerRepository;
  readonly limiter: RateLimiter;
}

/** What every capability is built on. */
interface Foundation {
  readonly config: IdentityConfig;
  readonly now: () => Date;
  readonly log: Logger;
  readonly stores: Stores;
  /** The one queue every password and legacy secret hash of this process waits in. */
  readonly hashes: HashQueue;
}

async function openStores(config: IdentityConfig, now: () => Date): Promise<Stores> {
  const documents = await openIdentityDocuments(config);
  const eventStoreMetrics = createEventStoreMetrics();
  const events = instrumentEventStore(
    await openEventStore({
      url: config.EVENTSTORE_URL,
      sqliteFile: join(config.DATA_DIR, 'events.sqlite'),
      eventTypes: [...ACTIVITY_EVENT_TYPES, ...CUSTOMER_LIFECYCLE_EVENT_TYPES],
    }),
    eventStoreMetrics,
  );
  const [customers, sessions, consents, erasures, attempts, staff, partners, limiter] = await Promise.all([
    CustomerRepository.open(documents),
    SessionRepository.open(documents),
    ConsentRepository.open(documents),
    ErasureRepository.open(documents),
    SignInAttemptRepository.open(documents),
    StaffRepository.open(documents),
    PartnerRepository.open(documents),
    RateLimiter.open(documents, now),
  ]);
  return {
    documents,
    events,
    eventStoreMetrics,
    activity: new ActivityRecorder({ events, service: 'identity', now, newId: randomUUID }),
    customers,
    sessions,
    consents,
    erasures,
    attempts,
    staff,
    partners,
    limiter,
  };
}

/** The signing key ring every identity instance shares, and the signer and verifier of access tokens over it. */
interface AccessTokens {
  readonly keys: SigningKeys;
  readonly signer: AccessTokenSigner;
  readonly verifier: AccessTokenVerifier;
}

async function openAccessTokens({ config, now, log }: Foundation): Promise<AccessTokens> {
  const keys = await SigningKeys.open(
    config.SIGNING_KEYS_FILE,
    config.SIGNING_KEY_MAX_AGE_DAYS * DAY_MS,
    now,
    log,
  );
  const audience = { issuer: config.TOKEN_ISSUER, audience: config.TOKEN_AUDIENCE };
  return {
    keys,
    signer: createAccessTokenSigner(keys.current, audience),
    verifier: createAccessTokenVerifier({ keyRing: keys.current }, audience),
  };
}

function buildSessions({ config, stores, now }: Foundation, signer: AccessTokenSigner): SessionService {
  return new SessionService({
    sessions: stores.sessions,
    signer,
    consentVersionOf: async (customerId) => (await stores.customers.get(customerId))?.consentVersion ?? null,
    now,
    newId: randomUUID,
    randomBytes: (size) => new Uint8Array(randomBytes(size)),
    reuseGraceMs: config.REFRESH_REUSE_GRACE_SECONDS * 1000,
  });
}

interface SignIns {
  readonly gosuslugi: GosuslugiSignIn;
  readonly staff: StaffSignIn;
}

function buildSignIn(base: Foundation, esia: EsiaSetup, sessions: SessionService): SignIns {
  const { config, stores, now, hashes } = base;
  const windowMs = config.SIGN_IN_LIMIT_WINDOW_SECONDS * 1000;
  const perIp = { max: config.SIGN_IN_LIMIT_PER_IP, windowMs };
  return {
    gosuslugi: new GosuslugiSignIn({
      esia: esia.client,
      verifier: esia.verifier,
      attempts: stores.attempts,
      customers: stores.customers,
      sessions,
      limiter: stores.limiter,
      activity: stores.activity,
      redirectUris: config.ESIA_REDIRECT_URIS,
      limits: { perIp, perPerson: { max: config.SIGN_IN_LIMIT_PER_PERSON, windowMs } },
      now,
      newId: randomUUID,
    }),
    staff: new StaffSignIn({
      staff: stores.staff,
      sessions,
      limiter: stores.limiter,
      hashes,
      activity: stores.activity,
      perIp,
    }),
  };
}

function buildConsent({ config, stores, now }: Foundation, sessions: SessionService): ConsentService {
  return new ConsentService({
    customers: stores.customers,
    consents: stores.consents,
    erasures: stores.erasures,
    sessions,
    events: stores.events,
    activity: stores.activity,
    eraseAfterDays: config.ERASURE_AFTER_DAYS,
    now,
    newId: randomUUID,
  });
}

function buildSchema(
  { config, stores, now }: Foundation,
  built: { esia: EsiaSetup; sessions: SessionService; signIn: SignIns; consents: ConsentService },
): Promise<GraphQLSchema> {
  const { esia, sessions, signIn, consents } = built;
  const activityLog = new ActivityLog(stores.events);
  const esiaLogoutUrl = () => esia.client.logoutUrl(config.ESIA_LOGOUT_REDIRECT_URL);
  return identitySchema({
    customer: new CustomerResolver(stores.customers),
    signIn: new SignInResolver(signIn.gosuslugi, signIn.staff),
    session: new SessionResolver(sessions, stores.activity, esiaLogoutUrl, now),
    consent: new ConsentResolver(consents, sessions, esiaLogoutUrl),
    activity: new ActivityResolver(activityLog),
    personalData: new PersonalDataResolver(stores.customers, consents, sessions, activityLog, now),
    staffMember: new StaffMemberResolver(stores.staff),
  });
}

interface ScheduledJobs {
  stop(): void;
}

/**
 * Identity's background work, run once before serving and then on timers: re-reading (and, when due,
 * rotating) the signing keys, erasing personal data whose erasure is due, deleting expired sign-in attempts,
 * forgetting session ends no access token can outlive.
 */
async function scheduleJobs(
  base: Foundation,
  keys: SigningKeys,
  endedSessions: EndedSessionFeed,
): Promise<ScheduledJobs> {
  const { stores, log, now } = base;
  const runJobs = async () => {
    await keys.refresh();
    await runDueErasures({
      erasures: stores.erasures,
      customers: stores.customers,
      sessions: stores.sessions,
      events: stores.events,
      activity: stores.activity,
      log,
      now,
      newId: randomUUID,
    });
    await stores.attempts.deleteExpired(now(), 500);
  };
  const jobFailed = (error: unknown) => log.error({ err: error }, 'identity background job failed');
  await runJobs();
  const reload = setInterval(() => void keys.refresh().catch(jobFailed), KEY_RING_RELOAD_MS);
  const jobs = setInterval(() => void runJobs().catch(jobFailed), JOB_INTERVAL_MS);
  const prune = setInterval(() => void endedSessions.prune().catch(jobFailed), ENDED_SESSIONS_PRUNE_MS);
  for (const timer of [reload, jobs, prune]) timer.unref();
  return {
    stop: () => {
      for (const timer of [reload, jobs, prune]) clearInterval(timer);
    },
  };
}

function serve(
  { config, stores, log, now, hashes }: Foundation,
  ready: {
    schema: GraphQLSchema;
    tokens: AccessTokens;
    jobs: ScheduledJobs;
    endedSessions: EndedSessionFeed;
  },
): Promise<RunningService> {
  const { schema, tokens, jobs, endedSessions } = ready;
  return startSubgraphServer({
    name: 'identity',
    schema,
    port: config.PORT,
    config,
    log,
    verifier: tokens.verifier,
    // Identity reads the feed from its store, as every instance of it shares that store.
    endedSessions: followEndedSessions({
      source: (position) => endedSessions.read(position),
      intervalMs: config.ENDED_SESSIONS_POLL_MS,
      keepMs: ENDED_SESSION_KEEP_MS,
      now: () => now().getTime(),
      log,
    }),
    registerMetrics: (registry) => registerMetricGroups(registry, [stores.eventStoreMetrics]),
    routes: (app) => {
      app.use(requestSignalMiddleware());
      jwksRoute(tokens.keys.current)(app);
      endedSessionsRoute(
        endedSessions,
        createInternalRequestVerifier(requireInternalRequestSecret(config.INTERNAL_REQUEST_SECRET)),
        log,
      )(app);
      oauthTokenRoute({
        authentication: new PartnerAuthentication({
          partners: stores.partners,
          limiter: stores.limiter,
          hashes,
          limits: {
            perIp: {
              max: config.PARTNER_TOKEN_LIMIT_PER_IP,
              windowMs: config.SIGN_IN_LIMIT_WINDOW_SECONDS * 1000,
            },
            failures: SIGN_IN_BACKOFF,
          },
        }),
        signer: tokens.signer,
        activity: stores.activity,
        log,
        now,
      })(app);
    },
    onStop: async () => {
      jobs.stop();
      await stores.documents.close();
      await stores.events.close();
    },
  });
}
