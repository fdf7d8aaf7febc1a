import { spawn } from 'node:child_process';
import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { REPO_ROOT } from '../../scripts/launcher.ts';

interface Outcome {
  readonly code: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

const STACK_FRAME = /\bat .+:\d+:\d+/;

describe('the claims command line before it reads any data', () => {
  let dataDir: string;
  const cli = (...args: string[]) =>
    new Promise<Outcome>((resolve) => {
      const child = spawn(
        process.execPath,
        ['--import', 'tsx', 'subgraphs/claims/src/cli/claimsCli.ts', ...args],
        { cwd: REPO_ROOT, env: { ...process.env, DATA_DIR: join(dataDir, 'data') }, stdio: 'pipe' },
      );
      let stdout = '';
      let stderr = '';
      child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
      child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
      child.once('close', (code) => resolve({ code, stdout, stderr }));
    });

  beforeAll(async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'claims-cli-usage-'));
  });
  afterAll(async () => {
    await rm(dataDir, { recursive: true, force: true });
  });

  it('prints its usage for --help, exits 0 and creates no data directory', async () => {
    const help = await cli('--help');
    expect(help).toMatchObject({ code: 0, stderr: '' });
    expect(help.stdout).toMatch(/^usage: npm run claims -- <command>\n/);
    expect(help.stdout).toContain('replay <claim number|id>');
    expect(await readdir(dataDir)).toEqual([]);
  });

  it('answers bad arguments with one line and the usage, exit 2, and no stack trace', async () => {
    const bad = await cli('replay', 'У-2026-000001', '--since', 'yesterday');
    expect(bad.code).toBe(2);
    expect(bad.stdout).toBe('');
    const [problem, usage] = bad.stderr.split('\n');
    expect(problem).toBe('claims: replay takes no --since');
    expect(usage).toBe('usage: npm run claims -- <command>');
    expect(bad.stderr).not.toMatch(STACK_FRAME);
    expect(await readdir(dataDir)).toEqual([]);
  });

  it('says where it looked when there is no data, exit 1, and creates none', async () => {
    const missing = await cli('export');
    expect(missing.code).toBe(1);
    expect(missing.stderr).toBe(
      `claims: no claims data in ${join(dataDir, 'data')} (DATA_DIR): start the system once (npm start), or set DATA_DIR to its data\n`,
    );
    expect(await readdir(dataDir)).toEqual([]);
  });
});
