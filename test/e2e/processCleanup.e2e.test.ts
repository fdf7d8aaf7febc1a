import { spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { readFile, readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { stripVTControlCharacters } from 'node:util';
import { describe, expect, it } from 'vitest';
import { REPO_ROOT } from '../../scripts/launcher.ts';
import { eventually } from '../support/eventually.ts';
import { recordProcess } from '../support/processRegistry.ts';

const MARKER_VARIABLE = 'CABINET_CLEANUP_CHECK';

/** The PIDs of processes that carry `marker` in their environment: everything the run below started. */
async function processesMarked(marker: string): Promise<number[]> {
  const marked: number[] = [];
  for (const entry of await readdir('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    const environment = await readFile(join('/proc', entry, 'environ'), 'utf8').catch(() => '');
    if (environment.split('\0').includes(`${MARKER_VARIABLE}=${marker}`)) marked.push(Number(entry));
  }
  return marked;
}

/** The fixtures' own vitest run: its exit code and everything it printed. */
function runFixtures(marker: string): Promise<{ code: number | null; output: string }> {
  const run = spawn(
    process.execPath,
    ['node_modules/vitest/vitest.mjs', 'run', '--config', 'test/e2e/fixtures/vitest.config.ts'],
    { cwd: REPO_ROOT, env: { ...process.env, [MARKER_VARIABLE]: marker }, stdio: ['ignore', 'pipe', 'pipe'] },
  );
  recordProcess('fixture run', run);
  let output = '';
  run.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
  run.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
  return new Promise((resolve) => run.once('close', (code) => resolve({ code, output })));
}

describe.runIf(process.platform === 'linux')('processes a failed suite started (Linux: reads /proc)', () => {
  it('are all stopped, whether its hook timed out with the system’s processes running or its worker died', async () => {
    const marker = randomUUID();
    const { code, output } = await runFixtures(marker);
    // The file's own teardown stops what the timed-out hook started; the global one what the dead worker left.
    const plain = stripVTControlCharacters(output);
    expect(code, plain).toBe(1);
    expect(plain).toContain('Hook timed out in 15000ms');
    expect(plain).toMatch(/the file left processes running, killed them: [\w-]+ \(\d+\)/);
    expect(plain).toMatch(/global teardown: killed processes the tests left running: idler \(\d+\)/);
    await eventually(() => processesMarked(marker), {
      what: 'no process of the failed suites left',
      until: (left) => left.length === 0,
    });
  });
});
