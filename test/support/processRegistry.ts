/**
 * Every process a test file starts, recorded the moment it is spawned: in memory, so the file's own
 * teardown (processTeardown.ts) stops what a timed-out hook left behind, and as a file named by its PID
 * in the run's directory (leftoverProcesses.ts), so the global teardown stops what a dead worker left.
 */
import type { ChildProcess } from 'node:child_process';
import { rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/**
 * The run's registry directory. Set in every test worker, so each process a test starts inherits it:
 * the global teardown reads it back from a PID's environment before killing, never trusting a bare PID.
 */
export const PROCESS_REGISTRY_VARIABLE = 'CABINET_TEST_PROCESSES';

interface Recorded {
  readonly name: string;
  readonly child: ChildProcess;
  readonly gone: Promise<void>;
}

const running = new Map<number, Recorded>();
let closed = false;

const isRunning = (child: ChildProcess) => child.exitCode === null && child.signalCode === null;

export function recordProcess(name: string, child: ChildProcess): void {
  const pid = child.pid;
  if (pid === undefined) return; // not spawned at all: the caller gets the 'error' event
  const directory = process.env[PROCESS_REGISTRY_VARIABLE];
  const file = directory === undefined ? undefined : join(directory, String(pid));
  if (file !== undefined) writeFileSync(file, name);
  const gone = (
    isRunning(child) ? new Promise<void>((resolve) => child.once('exit', () => resolve())) : Promise.resolve()
  ).then(() => {
    running.delete(pid);
    if (file !== undefined) rmSync(file, { force: true });
  });
  running.set(pid, { name, child, gone });
  // Spawned after the file's teardown: by a hook that timed out and went on without anyone waiting.
  if (closed) child.kill('SIGKILL');
}

/**
 * Kills what this file started and is still running, waits until it is gone, and from now on kills
 * anything spawned at once. Returns what had to be killed, as `name (pid)`.
 */
export async function stopRecordedProcesses(): Promise<string[]> {
  closed = true;
  const left = [...running.entries()].filter(([, recorded]) => isRunning(recorded.child));
  for (const [, recorded] of left) recorded.child.kill('SIGKILL');
  await Promise.all(left.map(([, recorded]) => recorded.gone));
  return left.map(([pid, recorded]) => `${recorded.name} (${pid})`);
}
