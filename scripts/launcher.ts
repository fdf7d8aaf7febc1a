/**
 * Starts each service as its own Node process (TypeScript through tsx), learns its URL from the
 * structured "listening" log line, and stops it by its own PID. Used by `npm start` and the e2e tests.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';

export const REPO_ROOT = fileURLToPath(new URL('..', import.meta.url));

export interface ServiceSpec {
  readonly name: string;
  /** The service's main module, relative to the repository root. */
  readonly entry: string;
  readonly env: Readonly<Record<string, string>>;
}

export interface ServiceProcess {
  readonly name: string;
  readonly pid: number;
  readonly url: string;
  /** Where the service serves its metrics when that is not beside its URL (the gateway's own listener). */
  readonly metricsUrl?: string;
  /** Resolves with the exit code (or signal) whenever the process ends. */
  readonly exited: Promise<number | NodeJS.Signals | null>;
  /** SIGTERM, then SIGKILL after a grace period; resolves when the process is gone. */
  stop(graceMs?: number): Promise<number | NodeJS.Signals | null>;
  kill(signal: NodeJS.Signals): void;
}

export type LineSink = (service: string, line: string, stream: 'stdout' | 'stderr') => void;

/** Told of each process the moment it is spawned, before it listens: a test run records its PID here. */
export type SpawnObserver = (name: string, child: ChildProcess) => void;

export interface LaunchOptions {
  /** How long the process may take to print its "listening" line before it is killed. */
  readonly startupTimeoutMs?: number;
  readonly onSpawn?: SpawnObserver;
}

const DEFAULT_STARTUP_TIMEOUT_MS = 60_000;

export function launch(
  spec: ServiceSpec,
  sink: LineSink,
  options: LaunchOptions = {},
): Promise<ServiceProcess> {
  const startupTimeoutMs = options.startupTimeoutMs ?? DEFAULT_STARTUP_TIMEOUT_MS;
  const child: ChildProcess = spawn(process.execPath, ['--import', 'tsx', spec.entry], {
    cwd: REPO_ROOT,
    env: { ...process.env, ...spec.env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  options.onSpawn?.(spec.name, child);
  const pid = child.pid;
  const exited = new Promise<number | NodeJS.Signals | null>((resolve) =>
    child.once('exit', (code, signal) => resolve(code ?? signal)),
  );

  return new Promise((resolve, reject) => {
    let started = false;
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`${spec.name} did not start within ${startupTimeoutMs} ms`));
    }, startupTimeoutMs);

    const onLine = (stream: 'stdout' | 'stderr') => (line: string) => {
      sink(spec.name, line, stream);
      if (started || stream !== 'stdout') return;
      const listening = listeningLine(line);
      if (listening === undefined || pid === undefined) return;
      started = true;
      clearTimeout(timer);
      resolve({
        name: spec.name,
        pid,
        ...listening,
        exited,
        kill: (signal) => process.kill(pid, signal),
        async stop(graceMs = 10_000) {
          if (child.exitCode !== null || child.signalCode !== null) return exited;
          process.kill(pid, 'SIGTERM');
          const force = setTimeout(() => process.kill(pid, 'SIGKILL'), graceMs);
          const result = await exited;
          clearTimeout(force);
          return result;
        },
      });
    };
    if (child.stdout) createInterface({ input: child.stdout }).on('line', onLine('stdout'));
    if (child.stderr) createInterface({ input: child.stderr }).on('line', onLine('stderr'));
    void exited.then((code) => {
      if (started) return;
      clearTimeout(timer);
      reject(new Error(`${spec.name} exited with ${String(code)} before it was listening`));
    });
  });
}

/**
 * Our services log `{"msg": "... listening", "url": "http://..."}` once they accept requests, the
 * gateway its `metricsUrl` too.
 */
function listeningLine(line: string): { url: string; metricsUrl?: string } | undefined {
  if (!line.startsWith('{')) return undefined;
  try {
    const entry = JSON.parse(line) as { msg?: unknown; url?: unknown; metricsUrl?: unknown };
    if (typeof entry.msg !== 'string' || !entry.msg.endsWith('listening') || typeof entry.url !== 'string')
      return undefined;
    return typeof entry.metricsUrl === 'string'
      ? { url: entry.url, metricsUrl: entry.metricsUrl }
      : { url: entry.url };
  } catch {
    return undefined;
  }
}

/** Polls a URL until it answers 200, or gives up after the timeout. */
export async function waitUntilOk(url: string, timeoutMs = 30_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      const response = await fetch(url, { signal: AbortSignal.timeout(1_000) });
      await response.body?.cancel();
      if (response.ok) return;
    } catch {
      // not up yet
    }
    if (Date.now() > deadline) throw new Error(`${url} did not become ready within ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}
