import { spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { REPO_ROOT } from '../../scripts/launcher.ts';
import { recordProcess } from '../support/processRegistry.ts';

function run(entry: string, env: Record<string, string>): Promise<{ code: number | null; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ['--import', 'tsx', entry], {
      cwd: REPO_ROOT,
      env: { ...process.env, ...env },
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    recordProcess(entry, child);
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.once('exit', (code) => resolve({ code, stderr }));
  });
}

describe('a bad configuration stops a service with one line naming the variable', () => {
  it.each([
    [
      'subgraphs/identity/src/main.ts',
      { PORT: 'abc' },
      'identity: configuration error: PORT must be a TCP port',
    ],
    [
      'subgraphs/policy/src/main.ts',
      { POLICY_TEST_HOOKS: 'maybe' },
      'policy: configuration error: POLICY_TEST_HOOKS must be one of',
    ],
    [
      'subgraphs/claims/src/main.ts',
      { MONGODB_URL: 'not-a-url' },
      'claims: configuration error: MONGODB_URL must be an absolute URL',
    ],
    ['gateway/src/main.ts', { LOG_LEVEL: 'loud' }, 'gateway: configuration error: LOG_LEVEL must be one of'],
    [
      'gateway/src/main.ts',
      { INTERNAL_REQUEST_SECRET: '' },
      'gateway: configuration error: INTERNAL_REQUEST_SECRET is required',
    ],
    [
      'subgraphs/policy/src/main.ts',
      { INTERNAL_REQUEST_SECRET: 'too-short' },
      'policy: configuration error: INTERNAL_REQUEST_SECRET must be at least 32 characters long',
    ],
  ])('%s', async (entry, env, line) => {
    const { code, stderr } = await run(entry, env);
    expect(code).toBe(1);
    expect(stderr.trim().split('\n')).toHaveLength(1);
    expect(stderr).toContain(line);
    expect(stderr).not.toMatch(/\bat .+:\d+:\d+/);
  });

  it('identity with a GOST token verifier but no command to run', async () => {
    const dataDir = await mkdtemp(join(tmpdir(), 'config-errors-'));
    try {
      const { code, stderr } = await run('subgraphs/identity/src/main.ts', {
        DATA_DIR: dataDir,
        ESIA_TOKEN_VERIFIER: 'command',
      });
      expect(code).toBe(1);
      expect(stderr.trim().split('\n')).toHaveLength(1);
      expect(stderr).toContain(
        'identity: configuration error: ESIA_TOKEN_VERIFY_COMMAND is required with ESIA_TOKEN_VERIFIER=command',
      );
    } finally {
      await rm(dataDir, { recursive: true, force: true });
    }
  });
});
