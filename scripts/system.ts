/**
 * The whole embedded system as separate processes: the sign-in page first (its URL is the web
 * redirect URI), the ESIA emulator (identity talks to it), then identity (it publishes the JWKS
 * everyone verifies against), policy, claims and support, then the gateway routed to wherever they listen.
 */
import { generateKeyPairSync, randomBytes } from 'node:crypto';
import { mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { createServer, type AddressInfo } from 'node:net';
import { dirname, join } from 'node:path';
import { SIGN_IN_CALLBACK_PATH } from '@cabinet/signin-page';
import { seedDemoData } from '@cabinet/seed';
import {
  launch,
  waitUntilOk,
  type LineSink,
  type ServiceProcess,
  type ServiceSpec,
  type SpawnObserver,
} from './launcher.ts';

/** The mobile app's redirect URI, registered in ESIA and allowed in identity beside the sign-in page's. */
export const MOBILE_REDIRECT_URI = 'ru.insurer.cabinet://auth/esia/callback';

export const ESIA_CLIENT_ID = 'INSURER_CABINET';

/** A service the system started: its own process, or (tests only) one running inside the caller. */
export interface RunningPart {
  readonly name: string;
  readonly url: string;
  stop(): Promise<unknown>;
}

export interface SystemOptions {
  /** Where the services keep their SQLite files, keys and blobs. */
  readonly dataDir: string;
  /** `fixed`: the documented ports (3000, 4000-4004, 4010, the gateway's metrics on 9464); `free`: whatever the OS gives (tests). */
  readonly ports: 'fixed' | 'free';
  readonly sink: LineSink;
  /** Load the demo registry (dev/seed) into the stores before the services start. */
  readonly seedDemoData: boolean;
  /** With it, the demo claims of `existingCustomer` (npm start); test systems make their own. */
  readonly seedDemoClaims?: boolean;
  /** The moment the demo data is seeded as of (tests pin it); unset: now. */
  readonly demoDataAsOf?: Date;
  /** `info` or more verbose: the launcher learns each URL from the service's info-level "listening" line. */
  readonly logLevel?: 'info' | 'debug' | 'trace';
  /**
   * Extra environment for every service (tests point them at an OTLP collector with it). Without an
   * INTERNAL_REQUEST_SECRET in it, the system makes one for this run.
   */
  readonly env?: Readonly<Record<string, string>>;
  /** Extra environment for identity (tests lower limits with it). */
  readonly identityEnv?: Readonly<Record<string, string>>;
  /** Tests only: the origin identity uses for ESIA instead of the emulator's, e.g. a tampering proxy. */
  readonly esiaOriginFor?: (emulatorUrl: string) => Promise<string>;
  /**
   * Abandons the start-up: once the service being started is up (or has failed), what has started is
   * stopped and the start rejects. `npm start` aborts it on Ctrl-C before the system is up.
   */
  readonly signal?: AbortSignal;
  /** Tests only: runs identity inside the caller (with an injected clock) instead of as a process. */
  readonly startIdentity?: (
    env: Readonly<Record<string, string>>,
  ) => Promise<{ url: string; stop(): Promise<void> }>;
  /** How long the whole start may take, every service one after another, until the gateway is ready. */
  readonly startupTimeoutMs?: number;
  /** How long a service restarted or added after the start may take to listen (the launcher's default). */
  readonly launchTimeoutMs?: number;
  /** Told of every process the system spawns, restarts included, the moment it is spawned. */
  readonly onSpawn?: SpawnObserver;
}

type ServiceName = 'signin' | 'esia' | 'identity' | 'policy' | 'claims' | 'support' | 'gateway';

/** Services the system launched as processes (identity may run inside a test, see `startIdentity`). */
export type RestartableService = Exclude<ServiceName, 'identity'>;

/** Services that run as several instances on one data store in production. */
export type ScalableService = 'identity' | 'claims' | 'gateway';

export interface RunningSystem {
  readonly gatewayUrl: string;
  /** The secret the gateway and the services prove their calls to the subgraphs with (tests sign with it). */
  readonly internalRequestSecret: string;
  /** The gateway's `/metrics`, on its own listener (kept across a restart). */
  readonly gatewayMetricsUrl: string;
  readonly esiaUrl: string;
  /** The sign-in page (dev/signin-page): a person signs in there in a browser. */
  readonly signInPageUrl: string;
  /** The redirect URIs registered in ESIA and allowed in identity; `web` is the sign-in page's. */
  readonly redirectUris: { readonly web: string; readonly mobile: string };
  readonly services: Readonly<Record<Exclude<ServiceName, 'identity'>, ServiceProcess>> & {
    readonly identity: ServiceProcess | RunningPart;
  };
  /**
   * Another process of a service on the same data directory, key ring and settings, on a port the OS
   * gives: what a second instance behind a load balancer would be. `env` changes its settings (a second
   * gateway routed to a second claims instance). Stopped with the system.
   */
  addInstance(name: ScalableService, env?: Readonly<Record<string, string>>): Promise<ServiceProcess>;
  /**
   * Starts a stopped or killed service again as a new process with the same environment, data and
   * port; `services` then holds the new process. What a supervisor does after a crash. `env` changes
   * settings of the new process (and of later restarts): what an operator redeploying with a new
   * setting does.
   */
  restart(name: RestartableService, env?: Readonly<Record<string, string>>): Promise<ServiceProcess>;
  stop(): Promise<void>;
}

const FIXED_PORTS = {
  signin: 3000,
  gateway: 4000,
  gatewayMetrics: 9464,
  identity: 4001,
  policy: 4002,
  claims: 4003,
  support: 4004,
  esia: 4010,
} as const;

/** Six processes started one after another take about half a minute on an idle two-core machine. */
const DEFAULT_SYSTEM_STARTUP_TIMEOUT_MS = 150_000;

interface EsiaClientKeyFiles {
  /** identity signs `client_secret` with it (ESIA_CLIENT_KEY_FILE). */
  readonly privateKeyFile: string;
  /** the emulator registers it as our system's certificate (ESIA_EMULATOR_CLIENT_CERT_FILE). */
  readonly publicKeyFile: string;
}

async function exists(file: string): Promise<boolean> {
  try {
    await readFile(file);
    return true;
  } catch {
    return false;
  }
}

/**
 * The embedded profile's stand-in for the GOST certificate registered in ESIA: an EC key pair made
 * on the first start and kept in the data directory, so later starts sign with the same key.
 */
export async function ensureEsiaClientKeys(files: EsiaClientKeyFiles): Promise<void> {
  if ((await exists(files.privateKeyFile)) && (await exists(files.publicKeyFile))) return;
  const { privateKey, publicKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
  await mkdir(dirname(files.privateKeyFile), { recursive: true });
  await mkdir(dirname(files.publicKeyFile), { recursive: true });
  await writeFile(files.privateKeyFile, privateKey.export({ type: 'pkcs8', format: 'pem' }), { mode: 0o600 });
  await writeFile(files.publicKeyFile, publicKey.export({ type: 'spki', format: 'pem' }));
}

/** Settles as `work` does, or rejects as soon as the signal aborts. */
function untilAborted<T>(work: Promise<T>, signal: AbortSignal | undefined): Promise<T> {
  if (!signal) return work;
  return new Promise((resolve, reject) => {
    const abort = () => reject(signal.reason as Error);
    if (signal.aborted) abort();
    signal.addEventListener('abort', abort, { once: true });
    work.then(resolve, reject).finally(() => signal.removeEventListener('abort', abort));
  });
}

/**
 * A port the OS gives, held by this process until the service that needs it is about to start: the
 * services build their file links on the gateway's address, and the gateway starts after them.
 */
async function reservePort(): Promise<{ readonly port: number; release(): Promise<void> }> {
  const holder = createServer();
  await new Promise<void>((resolve, reject) => {
    holder.once('error', reject);
    holder.listen(0, '0.0.0.0', resolve);
  });
  return {
    port: (holder.address() as AddressInfo).port,
    release: () => new Promise<void>((resolve) => holder.close(() => resolve())),
  };
}

function portOf(url: string): string {
  return new URL(url).port;
}

function baseOf(graphqlUrl: string): string {
  return new URL('/', graphqlUrl).toString().replace(/\/$/, '');
}

/** Loads the demo registry into the empty stores and says what it loaded, as a service logs. */
async function seed(options: SystemOptions): Promise<void> {
  const asOf = options.demoDataAsOf ?? new Date();
  const seeded = await seedDemoData({
    dataDir: options.dataDir,
    asOf,
    claims: options.seedDemoClaims ?? false,
  });
  const line = {
    level: 'info',
    time: new Date().toISOString(),
    msg: 'seeded the demo registry',
    asOf,
    ...seeded,
  };
  options.sink('seed', JSON.stringify(line), 'stdout');
}

export async function startSystem(options: SystemOptions): Promise<RunningSystem> {
  /** A setting the caller, or the environment `npm start` runs in, gives every service itself. */
  const configured = (name: string) => options.env?.[name] ?? process.env[name];
  const port = (name: keyof typeof FIXED_PORTS) => String(options.ports === 'fixed' ? FIXED_PORTS[name] : 0);
  const internalRequestSecret =
    options.env?.['INTERNAL_REQUEST_SECRET'] ?? randomBytes(32).toString('base64url');
  const common = {
    ...options.env,
    LOG_LEVEL: options.logLevel ?? 'info',
    DATA_DIR: options.dataDir,
    INTERNAL_REQUEST_SECRET: internalRequestSecret,
  };
  const startupTimeoutMs = options.startupTimeoutMs ?? DEFAULT_SYSTEM_STARTUP_TIMEOUT_MS;
  const deadline = Date.now() + startupTimeoutMs;
  let startingUp = true;
  /** During start-up, what is left of its time; afterwards (restarts, added instances) a launch's own. */
  const timeLeft = () => {
    if (!startingUp) return options.launchTimeoutMs;
    const left = deadline - Date.now();
    if (left <= 0) throw new Error(`the system did not start within ${startupTimeoutMs} ms`);
    return left;
  };
  const onSpawn = options.onSpawn;
  const gatewayPort =
    options.ports === 'fixed'
      ? { port: FIXED_PORTS.gateway, release: () => Promise.resolve() }
      : await reservePort();
  // Clients reach every service's files through the gateway's origin (see the gateway's /files routes),
  // unless the person starting the system names another (a tunnel, a proxy in front).
  const publicUrl = configured('PUBLIC_URL') ?? `http://localhost:${gatewayPort.port}`;
  const started: RunningPart[] = [];
  const specs = new Map<RestartableService, ServiceSpec>();
  const launched = async (name: RestartableService, spec: ServiceSpec) => {
    specs.set(name, spec);
    options.signal?.throwIfAborted();
    const service = await launch(spec, options.sink, { startupTimeoutMs: timeLeft(), onSpawn });
    started.push(service);
    options.signal?.throwIfAborted();
    return service;
  };
  const extraInstances = new Map<ScalableService, number>();
  const stopAll = async () => {
    await Promise.all(started.reverse().map((service) => service.stop()));
  };

  try {
    const keyFiles = {
      privateKeyFile: join(options.dataDir, 'identity', 'esia-client-key.pem'),
      publicKeyFile: join(options.dataDir, 'esia', 'client-public-key.pem'),
    };
    await ensureEsiaClientKeys(keyFiles);
    if (options.seedDemoData) await seed(options);
    // The page starts before everything that must know its URL and learns the gateway's, which
    // starts last, from this file; a file left by an earlier run would point at a gateway not yet up.
    const gatewayUrlFile = join(options.dataDir, 'signin-page', 'gateway-url');
    await rm(gatewayUrlFile, { force: true });
    const signin = await launched('signin', {
      name: 'signin',
      entry: 'dev/signin-page/src/main.ts',
      env: {
        ...options.env,
        LOG_LEVEL: common.LOG_LEVEL,
        PORT: port('signin'),
        SIGN_IN_PAGE_GATEWAY_URL_FILE: gatewayUrlFile,
      },
    });
    // The page also stands in for the cabinet's web pages that e-mails link to (claims/<id>, support/<id>).
    const cabinetUrl = configured('CABINET_URL') ?? signin.url;
    const redirectUris = {
      web: new URL(SIGN_IN_CALLBACK_PATH, signin.url).toString(),
      mobile: MOBILE_REDIRECT_URI,
    };
    const esia = await launched('esia', {
      name: 'esia',
      entry: 'dev/esia-emulator/src/main.ts',
      env: {
        ...options.env,
        LOG_LEVEL: common.LOG_LEVEL,
        PORT: port('esia'),
        ESIA_EMULATOR_CLIENT_ID: ESIA_CLIENT_ID,
        ESIA_EMULATOR_CLIENT_CERT_FILE: keyFiles.publicKeyFile,
        ESIA_EMULATOR_REDIRECT_URIS: Object.values(redirectUris).join(','),
      },
    });
    const esiaOrigin = options.esiaOriginFor ? await options.esiaOriginFor(esia.url) : esia.url;

    const identityEnv = {
      ...common,
      PORT: port('identity'),
      SIGNING_KEYS_FILE: join(options.dataDir, 'identity', 'signing-keys.json'),
      ESIA_BASE_URL: esiaOrigin,
      ESIA_CLIENT_ID,
      ESIA_CLIENT_KEY_FILE: keyFiles.privateKeyFile,
      ESIA_REDIRECT_URIS: Object.values(redirectUris).join(','),
      ...options.identityEnv,
    };
    const identity = options.startIdentity
      ? { name: 'identity', ...(await options.startIdentity(identityEnv)) }
      : await launch(
          { name: 'identity', entry: 'subgraphs/identity/src/main.ts', env: identityEnv },
          options.sink,
          { startupTimeoutMs: timeLeft(), onSpawn },
        );
    started.push(identity);
    options.signal?.throwIfAborted();
    const jwksUrl = `${baseOf(identity.url)}/.well-known/jwks.json`;
    const policy = await launched('policy', {
      name: 'policy',
      // The test hooks are not part of the production build: only their own entry mounts them.
      entry:
        process.env['POLICY_TEST_HOOKS'] === 'yes'
          ? 'subgraphs/policy/src/mainWithTestHooks.ts'
          : 'subgraphs/policy/src/main.ts',
      env: { ...common, PORT: port('policy'), JWKS_URL: jwksUrl, PUBLIC_URL: publicUrl },
    });
    const claims = await launched('claims', {
      name: 'claims',
      entry: 'subgraphs/claims/src/main.ts',
      env: {
        ...common,
        PORT: port('claims'),
        JWKS_URL: jwksUrl,
        PUBLIC_URL: publicUrl,
        CABINET_URL: cabinetUrl,
        POLICY_URL: policy.url,
        IDENTITY_URL: identity.url,
      },
    });
    const support = await launched('support', {
      name: 'support',
      entry: 'subgraphs/support/src/main.ts',
      env: {
        ...common,
        PORT: port('support'),
        JWKS_URL: jwksUrl,
        PUBLIC_URL: publicUrl,
        CABINET_URL: cabinetUrl,
        POLICY_URL: policy.url,
        CLAIMS_URL: claims.url,
        IDENTITY_URL: identity.url,
      },
    });
    await gatewayPort.release();
    const gateway = await launched('gateway', {
      name: 'gateway',
      entry: 'gateway/src/main.ts',
      env: {
        ...options.env,
        LOG_LEVEL: common.LOG_LEVEL,
        INTERNAL_REQUEST_SECRET: internalRequestSecret,
        PORT: String(gatewayPort.port),
        METRICS_PORT: port('gatewayMetrics'),
        JWKS_URL: jwksUrl,
        IDENTITY_URL: identity.url,
        POLICY_URL: policy.url,
        CLAIMS_URL: claims.url,
        SUPPORT_URL: support.url,
        SIGN_IN_CALLBACK_URL: redirectUris.web,
      },
    });
    await untilAborted(waitUntilOk(`${baseOf(gateway.url)}/readiness`, timeLeft()), options.signal);
    await mkdir(dirname(gatewayUrlFile), { recursive: true });
    await writeFile(gatewayUrlFile, gateway.url);
    startingUp = false;
    const services = { signin, esia, identity, policy, claims, support, gateway };
    return {
      gatewayUrl: gateway.url,
      internalRequestSecret,
      gatewayMetricsUrl: gateway.metricsUrl ?? `${baseOf(gateway.url)}/metrics`,
      esiaUrl: esia.url,
      signInPageUrl: signin.url,
      redirectUris,
      services,
      async addInstance(name, env = {}) {
        const number = (extraInstances.get(name) ?? 1) + 1;
        extraInstances.set(name, number);
        const spec =
          name === 'identity'
            ? { name, entry: 'subgraphs/identity/src/main.ts', env: identityEnv }
            : specs.get(name);
        if (!spec) throw new RangeError(`${name} was not launched by this system`);
        const ports = { PORT: '0', ...(name === 'gateway' ? { METRICS_PORT: '0' } : {}) };
        const instance = await launch(
          { ...spec, name: `${name}-${number}`, env: { ...spec.env, ...env, ...ports } },
          options.sink,
          { startupTimeoutMs: timeLeft(), onSpawn },
        );
        started.push(instance);
        if (name === 'gateway') await waitUntilOk(`${baseOf(instance.url)}/readiness`);
        return instance;
      },
      async restart(name, env = {}) {
        const previous = services[name];
        const spec = specs.get(name);
        if (!spec) throw new RangeError(`${name} was not launched by this system`);
        await previous.stop();
        if (started.includes(previous)) started.splice(started.indexOf(previous), 1);
        const ports = {
          PORT: portOf(previous.url),
          ...(previous.metricsUrl ? { METRICS_PORT: portOf(previous.metricsUrl) } : {}),
        };
        const service = await launched(name, { ...spec, env: { ...spec.env, ...env, ...ports } });
        services[name] = service;
        if (name === 'gateway') await waitUntilOk(`${baseOf(service.url)}/readiness`);
        return service;
      },
      stop: stopAll,
    };
  } catch (error) {
    await gatewayPort.release();
    await stopAll();
    throw error;
  }
}
