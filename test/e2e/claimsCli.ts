import { execFile } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { openDocumentStore } from '@cabinet/platform/documents';
import { acquireLease } from '@cabinet/platform/leases';
import { beforeAll, describe, expect, it } from 'vitest';
import { REPO_ROOT } from '../../scripts/launcher.ts';
import { claimsCast } from '../support/demoCast.ts';
import { systemClock } from '../support/systemClock.ts';
import { submitClaim } from '../support/claimSubmission.ts';
import { graphql } from '../support/graphqlClient.ts';
import { recordProcess } from '../support/processRegistry.ts';
import type { TestSystem } from '../support/testSystem.ts';
import { LAUNCH_MS, SIGNAL_MS } from '../support/timeouts.ts';

const run = promisify(execFile);
const { own } = claimsCast();
const PHONE = '+7 916 765-43-21';
const DESCRIPTION = 'Протечка с верхнего этажа, повреждён потолок';
/** Two processes started one after another (the command line, or claims, each time), and a request. */
const TWO_LAUNCHES_MS = 2 * LAUNCH_MS + SIGNAL_MS;

interface CliOutcome {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

/** Runs on the system oneSystem.claims.e2e.test.ts shares, near the end: it stops and restarts claims. */
export function claimsCliSuite(systemOf: () => TestSystem): void {
  describe('the analysts’ command line over a running system’s data', () => {
    commandLineOverRunningData(systemOf);
  });
}

function commandLineOverRunningData(systemOf: () => TestSystem): void {
  let system: TestSystem;
  let claim: { id: string; number: string };

  beforeAll(async () => {
    system = systemOf();
    const customer = await system.token({
      kind: 'customer',
      customerId: own.customer.id,
      sessionId: randomUUID(),
      trusted: true,
    });
    const staff = await system.token({
      kind: 'staff',
      staffId: randomUUID(),
      sessionId: randomUUID(),
      roles: ['supervisor'],
    });
    const submitted = await submitClaim(system.gatewayUrl, customer, own.policy.id, {
      description: DESCRIPTION,
      phone: PHONE,
    });
    expect(submitted.errors).toBeUndefined();
    claim = submitted.data!.submitClaim;
    const accepted = await graphql(
      system.gatewayUrl,
      'mutation ($id: UUID!) { acceptClaim(id: $id) { id } }',
      {
        token: staff,
        variables: { id: claim.id },
      },
    );
    expect(accepted.errors).toBeUndefined();
  });

  async function cli(...args: string[]): Promise<CliOutcome> {
    const command = [
      process.execPath,
      ['--import', 'tsx', 'subgraphs/claims/src/cli/claimsCli.ts', ...args],
    ] as const;
    const options = { cwd: REPO_ROOT, env: { ...process.env, DATA_DIR: system.dataDir } };
    try {
      const running = run(command[0], command[1], options);
      recordProcess('claims-cli', running.child);
      const { stdout, stderr } = await running;
      return { code: 0, stdout, stderr };
    } catch (failure) {
      const { code, stdout, stderr } = failure as { code: number; stdout: string; stderr: string };
      return { code, stdout, stderr };
    }
  }

  it('replays a claim by its number: the timeline and the resulting state, without personal data', async () => {
    const replayed = await cli('replay', claim.number);
    expect(replayed.code).toBe(0);
    expect(replayed.stdout).toMatch(/— → SUBMITTED/);
    expect(replayed.stdout).toMatch(/SUBMITTED → ACCEPTED/);
    // Each event with the request that recorded it and the command that caused it.
    expect(replayed.stdout).toMatch(/— → SUBMITTED .*\[correlation \S+, causation [0-9a-f-]{36}\]/);
    expect(replayed.stdout).toContain(claim.id);
    expect(replayed.stdout).not.toContain(PHONE);
    expect(replayed.stdout).not.toContain(DESCRIPTION);
  });

  it('exports the log as CSV without personal data', async () => {
    const exported = await cli('export', '--since', '2000-01-01T00:00:00Z', '--format', 'csv');
    expect(exported.code).toBe(0);
    const [header, ...rows] = exported.stdout.trim().split('\n');
    expect(header).toBe(
      'cursor,eventId,claimId,type,revision,occurredAt,recordedAt,actor,correlationId,causationId,data',
    );
    expect(rows.filter((row) => row.includes(claim.id)).length).toBeGreaterThanOrEqual(2);
    expect(exported.stdout).not.toContain(PHONE);
    expect(exported.stdout).not.toContain(DESCRIPTION);
  });

  it(
    'refuses to rebuild beside the running service, and rebuilds once it stopped',
    async () => {
      const refused = await cli('rebuild');
      expect(refused.code).toBe(1);
      // The lease names the instance holding it: host, pid and a nonce.
      expect(refused.stderr).toMatch(/the claims service \S+:\d+:[0-9a-f]+ is using the read models/);

      await system.services.claims.stop();
      const rebuilt = await cli('rebuild');
      expect(rebuilt.code).toBe(0);
      expect(rebuilt.stdout).toMatch(/^claim-summaries: [1-9]\d* documents in \d+ ms$/m);
      expect(rebuilt.stdout).toMatch(/^claim-cards: [1-9]\d* documents in \d+ ms$/m);
      expect(rebuilt.stdout).toMatch(/^claim-queue: [1-9]\d* documents in \d+ ms$/m);
    },
    TWO_LAUNCHES_MS,
  );

  it(
    'keeps the service from starting while a rebuild holds the read models, and serves the rebuilt ones after',
    async () => {
      const documents = await openDocumentStore({
        database: 'claims',
        sqliteFile: join(system.dataDir, 'claims', 'documents.sqlite'),
      });
      const rebuild = await acquireLease(documents, 'claims-read-models', {
        holder: 'a rebuild in this test',
        ttlMs: 60_000,
        now: systemClock,
      });
      await expect(system.restart('claims')).rejects.toThrow(/exited/);
      expect(system.logs.get('claims')?.join('\n')).toContain(
        'the read models are being rebuilt by a rebuild in this test',
      );
      await rebuild.release();
      await documents.close();

      await system.restart('claims');
      const staff = await system.token({
        kind: 'staff',
        staffId: randomUUID(),
        sessionId: randomUUID(),
        roles: ['supervisor'],
      });
      const card = await graphql<{ claim: { number: string; status: string } }>(
        system.gatewayUrl,
        'query ($id: UUID!) { claim(id: $id) { number status } }',
        { token: staff, variables: { id: claim.id } },
      );
      expect(card.data?.claim).toEqual({ number: claim.number, status: 'ACCEPTED' });
    },
    TWO_LAUNCHES_MS,
  );
}
