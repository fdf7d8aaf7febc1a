import { spawn } from 'node:child_process';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { REPO_ROOT } from '../../scripts/launcher.ts';
import { recordProcess } from '../support/processRegistry.ts';
import type { TestSystem } from '../support/testSystem.ts';

interface ProbeRun {
  readonly exitCode: number | null;
  readonly lines: { level: string; msg: string; operation?: string; durationMs?: number; problem?: string }[];
}

/** `npm run probe -- --once` as its own process; the file's teardown kills it if it outlives the test. */
function probeOnce(env: Record<string, string>): Promise<ProbeRun> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'scripts/probe.ts', '--once'], {
    cwd: REPO_ROOT,
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  recordProcess('probe', child);
  let output = '';
  child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
  return new Promise((resolve) =>
    child.once('close', (exitCode) => {
      const lines = output
        .split('\n')
        .filter((line) => line.startsWith('{'))
        .map((line) => JSON.parse(line) as ProbeRun['lines'][number]);
      resolve({ exitCode, lines });
    }),
  );
}

/** Runs last on the system oneSystem.access.e2e.test.ts shares: its last test stops claims. */
export function probeSuite(systemOf: () => TestSystem): void {
  describe('the synthetic probe', () => {
    syntheticProbe(systemOf);
  });
}

function syntheticProbe(systemOf: () => TestSystem): void {
  let system: TestSystem;
  let webhook: Server;
  let webhookUrl: string;
  const alerts: Record<string, unknown>[] = [];

  beforeAll(async () => {
    system = systemOf();
    webhook = createServer((req, res) => {
      let body = '';
      req.on('data', (chunk: Buffer) => (body += chunk.toString()));
      req.on('end', () => {
        alerts.push(JSON.parse(body) as Record<string, unknown>);
        res.writeHead(204).end();
      });
    });
    await new Promise<void>((resolve) => webhook.listen(0, '127.0.0.1', resolve));
    webhookUrl = `http://127.0.0.1:${(webhook.address() as AddressInfo).port}/alerts`;
  });
  afterAll(async () => {
    await new Promise((resolve) => webhook?.close(resolve));
  });

  it('records the response time of one read per subgraph and stays quiet while all answer', async () => {
    const run = await probeOnce({ PROBE_GATEWAY_URL: system.gatewayUrl, PROBE_WEBHOOK_URL: webhookUrl });
    expect(run.exitCode).toBe(0);
    const answered = run.lines.filter((line) => line.msg === 'probe operation answered');
    expect(answered.map((line) => line.operation)).toEqual([
      'ProbeCustomer',
      'ProbePolicy',
      'ProbeClaim',
      'ProbeConversation',
    ]);
    for (const line of answered) expect(line.durationMs).toBeTypeOf('number');
    expect(alerts).toEqual([]);
  });

  it('alerts in its log and through the webhook when a threshold is crossed', async () => {
    const run = await probeOnce({
      PROBE_GATEWAY_URL: system.gatewayUrl,
      PROBE_WEBHOOK_URL: webhookUrl,
      PROBE_THRESHOLD_MS: '0',
    });
    expect(run.exitCode).toBe(1);
    expect(run.lines.filter((line) => line.msg === 'probe alert').map((line) => line.level)).toEqual([
      'error',
      'error',
      'error',
      'error',
    ]);
    expect(alerts.splice(0).map((alert) => [alert['source'], alert['operation'], alert['problem']])).toEqual(
      ['ProbeCustomer', 'ProbePolicy', 'ProbeClaim', 'ProbeConversation'].map((operation) => [
        'cabinet-probe',
        operation,
        'slower than 0 ms',
      ]),
    );
  });

  it('alerts when a subgraph does not answer', async () => {
    expect(await system.services.claims.stop()).toBe(0);
    const run = await probeOnce({ PROBE_GATEWAY_URL: system.gatewayUrl, PROBE_WEBHOOK_URL: webhookUrl });
    expect(run.exitCode).toBe(1);
    expect(alerts.splice(0)).toEqual([
      expect.objectContaining({ operation: 'ProbeClaim', problem: 'SUBGRAPH_UNAVAILABLE' }),
    ]);
  });
}
