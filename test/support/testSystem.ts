import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  CURRENT_CONSENT_VERSION,
  createAccessTokenSigner,
  loadOrCreateKeyRing,
  type AccessTokenSigner,
  type AuthenticatedPrincipal,
} from '@cabinet/platform';
import { startSystem, type RunningSystem, type SystemOptions } from '../../scripts/system.ts';

/** A principal as tests write it: a customer's consent defaults to the version in force. */
export type TestPrincipal =
  | (Omit<Extract<AuthenticatedPrincipal, { kind: 'customer' }>, 'consentVersion'> & {
      consentVersion?: string | null;
    })
  | Exclude<AuthenticatedPrincipal, { kind: 'customer' }>;

export interface TestSystem extends RunningSystem {
  readonly dataDir: string;
  /** Mints an access token with identity's own key, as identity would after a sign-in. */
  token(principal: TestPrincipal): Promise<string>;
  /** The latest SMS code the ESIA emulator printed for a person. */
  smsCode(oid: number): string | undefined;
  /** Lines each service printed, for assertions on logs and for debugging a failure. */
  readonly logs: Map<string, string[]>;
  shutdown(): Promise<void>;
}

export type TestSystemOptions = Partial<
  Pick<SystemOptions, 'seedDemoData' | 'identityEnv' | 'esiaOriginFor' | 'startIdentity'>
>;

function smsCodeIn(lines: readonly string[], oid: number): string | undefined {
  for (const line of [...lines].reverse()) {
    if (!line.includes('esia.sms_sent')) continue;
    const entry = JSON.parse(line) as { oid?: unknown; code?: unknown };
    if (entry.oid === oid && typeof entry.code === 'string') return entry.code;
  }
  return undefined;
}

/** The whole system as real processes on free ports, with its own data directory. */
export async function startTestSystem(options: TestSystemOptions = {}): Promise<TestSystem> {
  const dataDir = await mkdtemp(join(tmpdir(), 'cabinet-e2e-'));
  const logs = new Map<string, string[]>();
  const system = await startSystem({
    ...options,
    dataDir,
    ports: 'free',
    seedDemoData: options.seedDemoData ?? true,
    sink: (service, line) => {
      const lines = logs.get(service) ?? [];
      lines.push(line);
      logs.set(service, lines);
      if (process.env['E2E_LOGS']) process.stderr.write(`[${service}] ${line}\n`);
    },
  });
  let signer: AccessTokenSigner | undefined;
  return {
    ...system,
    dataDir,
    logs,
    async token(principal) {
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
      );
    },
    smsCode: (oid) => smsCodeIn(logs.get('esia') ?? [], oid),
    async shutdown() {
      await system.stop();
      await rm(dataDir, { recursive: true, force: true });
    },
  };
}
