import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CURRENT_CONSENT_VERSION, type AuthenticatedPrincipal } from '@cabinet/kernel';
import { createAccessTokenSigner, loadOrCreateKeyRing, type AccessTokenSigner } from '@cabinet/platform/auth';
import { createInternalRequestSigner, INTERNAL_REQUEST_HEADER } from '@cabinet/platform/internal-requests';
import { startSystem, type RunningSystem, type SystemOptions } from '../../scripts/system.ts';
import { SEEDED_AT } from './demoCast.ts';
import { eventually } from './eventually.ts';
import { recordProcess } from './processRegistry.ts';
import { copySeededRegistry } from './seededRegistry.ts';
import { LAUNCH_MS, SUBGRAPH_CALL_MS, SYSTEM_START_MS } from './timeouts.ts';

/**
 * Per-minute request budgets at the gateway that no suite exhausts, for a system whose suites together
 * make more calls than the default budgets allow (the authorization matrix, the fuzz).
 */
export const BUDGETS_NO_SUITE_EXHAUSTS =
  'anonymous=100000,customer=100000,staff=100000,partner=100000,ip=100000';

/** A principal as tests write it: a customer's consent defaults to the version in force. */
export type TestPrincipal =
  | (Omit<Extract<AuthenticatedPrincipal, { kind: 'customer' }>, 'consentVersion'> & {
      consentVersion?: string | null;
    })
  | Exclude<AuthenticatedPrincipal, { kind: 'customer' }>;

export interface TestSystem extends RunningSystem {
  readonly dataDir: string;
  /**
   * A proof of a request the gateway's, good for a minute: for tests that call a subgraph's GraphQL
   * directly, as only the gateway and sibling services may (in a subscribe message's extensions).
   */
  internalProof(): string;
  /** The header carrying `internalProof()`, for direct HTTP requests to a subgraph. */
  internalHeaders(): Record<string, string>;
  /** Mints an access token with identity's own key, as identity would after a sign-in. */
  token(principal: TestPrincipal, options?: { ttlSeconds?: number }): Promise<string>;
  /**
   * Waits for the next SMS code the ESIA emulator prints for a person after `seenBefore` codes
   * (see `smsCount`); the emulator is another process, so its log line may still be on its way.
   */
  nextSmsCode(oid: number, seenBefore: number): Promise<string>;
  /** How many SMS codes the emulator has printed for a person so far. */
  smsCount(oid: number): number;
  /** Lines each service printed, for assertions on logs and for debugging a failure. */
  readonly logs: Map<string, string[]>;
  shutdown(): Promise<void>;
}

export type TestSystemOptions = Partial<
  Pick<
    SystemOptions,
    'seedDemoData' | 'demoDataAsOf' | 'env' | 'identityEnv' | 'esiaOriginFor' | 'startIdentity'
  >
>;

function smsCodesIn(lines: readonly string[], oid: number): string[] {
  return lines
    .filter((line) => line.includes('esia.sms_sent'))
    .map((line) => JSON.parse(line) as { oid?: unknown; code?: unknown })
    .filter((entry) => entry.oid === oid && typeof entry.code === 'string')
    .map((entry) => entry.code as string);
}

/**
 * The whole system as real processes on free ports, with its own data directory. Each process is
 * recorded the moment it is spawned (processRegistry.ts): a hook that times out while this runs
 * leaves nothing behind, whoever was meant to call `shutdown`.
 */
export async function startTestSystem(options: TestSystemOptions = {}): Promise<TestSystem> {
  const dataDir = await mkdtemp(join(tmpdir(), 'cabinet-e2e-'));
  if (options.seedDemoData ?? true) await copySeededRegistry(dataDir, options.demoDataAsOf ?? SEEDED_AT);
  const logs = new Map<string, string[]>();
  const system = await startSystem({
    ...options,
    dataDir,
    ports: 'free',
    // Seeded here from the run's copy of the registry, not by the system (see seededRegistry.ts).
    seedDemoData: false,
    env: { SUBGRAPH_TIMEOUT_MS: String(SUBGRAPH_CALL_MS), ...options.env },
    startupTimeoutMs: SYSTEM_START_MS,
    launchTimeoutMs: LAUNCH_MS,
    onSpawn: recordProcess,
    sink: (service, line) => {
      const lines = logs.get(service) ?? [];
      lines.push(line);
      logs.set(service, lines);
      if (process.env['E2E_LOGS']) process.stderr.write(`[${service}] ${line}\n`);
    },
  }).catch(async (error: unknown) => {
    await rm(dataDir, { recursive: true, force: true });
    throw error;
  });
  let signer: AccessTokenSigner | undefined;
  const internalRequests = createInternalRequestSigner(system.internalRequestSecret, 'gateway');
  return {
    ...system,
    dataDir,
    logs,
    internalProof: () => internalRequests.proof(),
    internalHeaders: () => ({ [INTERNAL_REQUEST_HEADER]: internalRequests.proof() }),
    async token(principal, options) {
      signer ??= createAccessTokenSigner(
        await loadOrCreateKeyRing(join(dataDir, 'identity', 'signing-keys.json')),
        {
          issuer: 'cabinet-identity',
          audience: 'cabinet',
        },
      );
      return signer.sign(
        principal.kind === 'customer'
          ? {
              ...principal,
              consentVersion:
                principal.consentVersion === undefined ? CURRENT_CONSENT_VERSION : principal.consentVersion,
            }
          : principal,
        options,
      );
    },
    smsCount: (oid) => smsCodesIn(logs.get('esia') ?? [], oid).length,
    async nextSmsCode(oid, seenBefore) {
      const codes = await eventually(() => smsCodesIn(logs.get('esia') ?? [], oid), {
        what: `SMS code number ${seenBefore + 1} the ESIA emulator prints for ${oid}`,
        until: (printed) => printed.length > seenBefore,
        intervalMs: 20,
      });
      return codes[seenBefore]!;
    },
    async shutdown() {
      await system.stop();
      await rm(dataDir, { recursive: true, force: true });
    },
  };
}
