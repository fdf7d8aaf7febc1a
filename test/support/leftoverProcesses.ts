/**
 * Vitest global setup: the run's process registry (see processRegistry.ts), and a teardown that kills,
 * by PID, every recorded process still running: what a worker that died or was stopped mid-file left.
 */
import { readFile, readdir, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TestProject } from 'vitest/node';
import { PROCESS_REGISTRY_VARIABLE } from './processRegistry.ts';

declare module 'vitest' {
  interface ProvidedContext {
    processRegistry: string;
    seededRegistries: string;
  }
}

/**
 * Whether the PID is still a process of this run: its environment names this run's registry. A PID the
 * OS has since given to another process is left alone. Linux (CI) answers through /proc; elsewhere
 * nothing can be confirmed and the PID is only reported.
 */
async function startedByThisRun(pid: number, directory: string): Promise<boolean> {
  try {
    const environment = await readFile(`/proc/${pid}/environ`, 'utf8');
    return environment.split('\0').includes(`${PROCESS_REGISTRY_VARIABLE}=${directory}`);
  } catch {
    return false;
  }
}

export async function setup(project: TestProject): Promise<() => Promise<void>> {
  const directory = await mkdtemp(join(tmpdir(), 'cabinet-test-processes-'));
  project.provide('processRegistry', directory);
  const seededRegistries = await mkdtemp(join(tmpdir(), 'cabinet-test-registries-'));
  project.provide('seededRegistries', seededRegistries);

  return async function teardown() {
    const killed: string[] = [];
    const unconfirmed: string[] = [];
    for (const entry of await readdir(directory)) {
      const pid = Number(entry);
      const name = await readFile(join(directory, entry), 'utf8');
      if (!(await startedByThisRun(pid, directory))) {
        unconfirmed.push(`${name} (${pid})`);
        continue;
      }
      try {
        process.kill(pid, 'SIGKILL');
        killed.push(`${name} (${pid})`);
      } catch {
        // it ended between the check and the kill
      }
    }
    await rm(directory, { recursive: true, force: true });
    await rm(seededRegistries, { recursive: true, force: true });
    if (killed.length > 0) {
      process.stderr.write(
        `global teardown: killed processes the tests left running: ${killed.join(', ')}\n`,
      );
    }
    if (unconfirmed.length > 0 && process.platform !== 'linux') {
      process.stderr.write(
        `global teardown: could not check these recorded PIDs: ${unconfirmed.join(', ')}\n`,
      );
    }
  };
}
