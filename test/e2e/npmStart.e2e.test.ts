import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { npmStart, untilGone, type NpmStart } from '../support/npmStart.ts';

const STARTUP_MS = 180_000;
const SHUTDOWN_MS = 30_000;

/** `npm start` on free ports in a data directory of its own, killed and removed whatever happens. */
async function withNpmStart(
  env: Readonly<Record<string, string>>,
  use: (started: NpmStart) => Promise<void>,
): Promise<void> {
  const dataDir = await mkdtemp(join(tmpdir(), 'cabinet-npm-start-'));
  const started = npmStart({ DATA_DIR: dataDir, PORTS: 'free', ...env });
  try {
    await use(started);
  } finally {
    started.kill();
    await rm(dataDir, { recursive: true, force: true });
  }
}

async function leftBehind(started: NpmStart): Promise<string[]> {
  const still = await untilGone(started.processes(), SHUTDOWN_MS);
  return still.map((process) => process.command);
}

describe('npm start stops whatever it started, however it ends', () => {
  it.concurrent(
    'on SIGTERM to its own process alone, while services are still starting',
    async () => {
      await withNpmStart({}, async (started) => {
        await started.untilLine(/identity subgraph listening/, STARTUP_MS);
        const startScript = started
          .processes()
          .find((process) => /^\S*node --import tsx scripts\/start\.ts$/.test(process.command));
        expect(startScript, JSON.stringify(started.processes())).toBeDefined();
        process.kill(startScript!.pid, 'SIGTERM');

        expect(await started.exited).toEqual({ code: 0, signal: null });
        await started.untilLine(/^all services stopped$/, SHUTDOWN_MS);
        expect(started.lines).toContain('stopping all services…');
        expect(started.lines.filter((line) => /could not start|did not stop cleanly/.test(line))).toEqual([]);
        expect(await leftBehind(started)).toEqual([]);
      });
    },
    STARTUP_MS + 2 * SHUTDOWN_MS,
  );

  it.concurrent(
    'when a service cannot start: names it and why, exits 1',
    async () => {
      await withNpmStart({ CABINET_URL: 'not-a-url' }, async (started) => {
        expect(await started.exited).toEqual({ code: 1, signal: null });
        await started.untilLine(/^could not start the system: /, SHUTDOWN_MS);
        expect(started.lines).toContain(
          'claims  │ claims: configuration error: CABINET_URL must be an absolute URL, got "not-a-url"',
        );
        expect(started.lines).toContain(
          'could not start the system: claims exited with 1 before it was listening',
        );
        expect(started.lines.filter((line) => /\bat .+:\d+:\d+/.test(line))).toEqual([]);
        expect(await leftBehind(started)).toEqual([]);
      });
    },
    STARTUP_MS + SHUTDOWN_MS,
  );
});
