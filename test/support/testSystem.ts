import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  createAccessTokenSigner,
  loadOrCreateKeyRing,
  type AccessTokenSigner,
  type AuthenticatedPrincipal,
} from '@cabinet/platform';
import { startSystem, type RunningSystem } from '../../scripts/system.ts';

export interface TestSystem extends RunningSystem {
  readonly dataDir: string;
  /** Mints an access token with identity's own key, as identity would after a sign-in. */
  token(principal: AuthenticatedPrincipal): Promise<string>;
  /** Lines each service printed, for assertions on logs and for debugging a failure. */
  readonly logs: Map<string, string[]>;
  shutdown(): Promise<void>;
}

/** The whole system as real processes on free ports, with its own data directory. */
export async function startTestSystem(options: { seedDemoData?: boolean } = {}): Promise<TestSystem> {
  const dataDir = await mkdtemp(join(tmpdir(), 'cabinet-e2e-'));
  const logs = new Map<string, string[]>();
  const system = await startSystem({
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
      signer ??= createAccessTokenSigner(await loadOrCreateKeyRing(join(dataDir, 'identity', 'signing-keys.json')), {
        issuer: 'cabinet-identity',
        audience: 'cabinet',
      });
      return signer.sign(principal);
    },
    async shutdown() {
      await system.stop();
      await rm(dataDir, { recursive: true, force: true });
    },
  };
}
