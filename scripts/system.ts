/**
 * The whole embedded system as separate processes: identity first (it publishes the JWKS everyone
 * verifies against), then policy and claims, then the gateway routed to wherever they listen.
 */
import { join } from 'node:path';
import { launch, waitUntilOk, type LineSink, type ServiceProcess } from './launcher.ts';

export interface SystemOptions {
  /** Where the services keep their SQLite files, keys and blobs. */
  readonly dataDir: string;
  /** `fixed`: the documented ports (4000-4003); `free`: whatever the OS gives (tests). */
  readonly ports: 'fixed' | 'free';
  readonly sink: LineSink;
  readonly seedDemoData: boolean;
  /** `info` or more verbose: the launcher learns each URL from the service's info-level "listening" line. */
  readonly logLevel?: 'info' | 'debug' | 'trace';
}

export interface RunningSystem {
  readonly gatewayUrl: string;
  readonly services: Readonly<Record<'identity' | 'policy' | 'claims' | 'gateway', ServiceProcess>>;
  stop(): Promise<void>;
}

const FIXED_PORTS = { gateway: 4000, identity: 4001, policy: 4002, claims: 4003 } as const;

function baseOf(graphqlUrl: string): string {
  return new URL('/', graphqlUrl).toString().replace(/\/$/, '');
}

export async function startSystem(options: SystemOptions): Promise<RunningSystem> {
  const port = (name: keyof typeof FIXED_PORTS) => String(options.ports === 'fixed' ? FIXED_PORTS[name] : 0);
  const common = {
    LOG_LEVEL: options.logLevel ?? 'info',
    DATA_DIR: options.dataDir,
    SEED_DEMO_DATA: options.seedDemoData ? 'yes' : 'no',
  };
  const started: ServiceProcess[] = [];
  const stopAll = async () => {
    await Promise.all(started.reverse().map((service) => service.stop()));
  };

  try {
    const identity = await launch(
      {
        name: 'identity',
        entry: 'subgraphs/identity/src/main.ts',
        env: { ...common, PORT: port('identity'), SIGNING_KEYS_FILE: join(options.dataDir, 'identity', 'signing-keys.json') },
      },
      options.sink,
    );
    started.push(identity);
    const jwksUrl = `${baseOf(identity.url)}/.well-known/jwks.json`;
    const policy = await launch(
      { name: 'policy', entry: 'subgraphs/policy/src/main.ts', env: { ...common, PORT: port('policy'), JWKS_URL: jwksUrl } },
      options.sink,
    );
    started.push(policy);
    const claims = await launch(
      {
        name: 'claims',
        entry: 'subgraphs/claims/src/main.ts',
        env: { ...common, PORT: port('claims'), JWKS_URL: jwksUrl, POLICY_URL: policy.url },
      },
      options.sink,
    );
    started.push(claims);
    const gateway = await launch(
      {
        name: 'gateway',
        entry: 'gateway/src/main.ts',
        env: {
          LOG_LEVEL: common.LOG_LEVEL,
          PORT: port('gateway'),
          JWKS_URL: jwksUrl,
          IDENTITY_URL: identity.url,
          POLICY_URL: policy.url,
          CLAIMS_URL: claims.url,
        },
      },
      options.sink,
    );
    started.push(gateway);
    await waitUntilOk(`${baseOf(gateway.url)}/readiness`);
    return {
      gatewayUrl: gateway.url,
      services: { identity, policy, claims, gateway },
      stop: stopAll,
    };
  } catch (error) {
    await stopAll();
    throw error;
  }
}
