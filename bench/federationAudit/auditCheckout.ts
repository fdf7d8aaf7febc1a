/**
 * The graphql-hive/federation-gateway-audit checkout the bench runs: its own dependencies installed,
 * and its one process serving every suite's subgraphs, supergraph and tests (`src/cli.ts serve`).
 * Nothing of the audit is kept in this repository: suites, queries and expected answers are read from
 * the checkout's server at run time.
 */
import { spawn, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, readFile, rename, rm } from 'node:fs/promises';
import { createServer } from 'node:net';
import { join, resolve } from 'node:path';
import { createInterface } from 'node:readline';
import type { AuditTest } from './auditVerdict.ts';

const AUDIT_PACKAGE = '@graphql-hive/federation-gateway-audit';
const STARTUP_TIMEOUT_MS = 120_000;

export interface AuditCheckout {
  readonly dir: string;
  readonly version: string;
}

export interface AuditSuite {
  readonly id: string;
  readonly supergraph: string;
}

export interface AuditServer {
  readonly url: string;
  readonly pid: number;
  stop(): Promise<void>;
}

/**
 * Checks the folder holds the audit and installs what its server needs when it is missing: the
 * dependencies from its lockfile (without its dev dependencies, some of which the registry no longer
 * serves) and graphql, the peer it lists only among them, at the lockfile's version.
 */
export async function prepareAuditCheckout(folder: string): Promise<AuditCheckout> {
  const dir = resolve(folder);
  const manifest = await readJson<{ name?: string; version?: string }>(join(dir, 'package.json'));
  if (manifest.name !== AUDIT_PACKAGE || !existsSync(join(dir, 'src/cli.ts')))
    throw new Error(
      `${dir} is not a checkout of ${AUDIT_PACKAGE} (no package.json of that name with src/cli.ts)`,
    );
  if (!existsSync(join(dir, 'node_modules/@apollo/composition'))) {
    process.stdout.write(`installing the audit's dependencies in ${dir} (npm ci --omit=dev)\n`);
    npm(['ci', '--omit=dev', '--ignore-scripts', '--no-audit', '--no-fund'], dir);
  }
  if (!existsSync(join(dir, 'node_modules/graphql/package.json'))) {
    const lock = await readJson<{ packages?: Record<string, { version?: string }> }>(
      join(dir, 'package-lock.json'),
    );
    const version = lock.packages?.['node_modules/graphql']?.version;
    if (!version) throw new Error(`${dir}/package-lock.json pins no graphql`);
    process.stdout.write(`installing graphql@${version}, the audit's peer dependency\n`);
    const prefix = await mkdtemp(join(dir, 'node_modules/.graphql-peer-'));
    try {
      npm(
        ['install', '--prefix', prefix, '--ignore-scripts', '--no-audit', '--no-fund', `graphql@${version}`],
        dir,
      );
      await rename(join(prefix, 'node_modules/graphql'), join(dir, 'node_modules/graphql'));
    } finally {
      await rm(prefix, { recursive: true, force: true });
    }
  }
  return { dir, version: manifest.version ?? 'unknown' };
}

/** Starts the audit's server (its own CLI, run by this repository's tsx) on a free port. */
export async function startAuditServer(checkout: AuditCheckout): Promise<AuditServer> {
  const port = await freePort();
  const child = spawn(
    process.execPath,
    ['--import', import.meta.resolve('tsx'), 'src/cli.ts', 'serve', '--port', String(port)],
    { cwd: checkout.dir, stdio: ['ignore', 'pipe', 'pipe'] },
  );
  const pid = child.pid;
  if (pid === undefined) throw new Error('the audit server did not start');
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const stop = async () => {
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
    await exited;
  };
  const stderr: string[] = [];
  createInterface({ input: child.stderr }).on('line', (line) => stderr.push(line));
  const started = await new Promise<boolean>((resolve) => {
    const timer = setTimeout(() => resolve(false), STARTUP_TIMEOUT_MS);
    createInterface({ input: child.stdout }).on('line', (line) => {
      if (line.startsWith('Server started on port')) {
        clearTimeout(timer);
        resolve(true);
      }
    });
    void exited.then(() => {
      clearTimeout(timer);
      resolve(false);
    });
  });
  if (!started) {
    await stop();
    throw new Error(`the audit server did not start:\n${stderr.slice(-20).join('\n')}`);
  }
  return { url: `http://127.0.0.1:${port}`, pid, stop };
}

/** The suites the server lists, each with its supergraph (routed to that server). */
export async function auditSuites(server: AuditServer, only: readonly string[]): Promise<AuditSuite[]> {
  const ids = await getJson<string[]>(`${server.url}/ids`);
  const unknown = only.filter((id) => !ids.includes(id));
  if (unknown.length > 0)
    throw new Error(`the audit has no suite ${unknown.join(', ')}; it has ${ids.join(', ')}`);
  const suites: AuditSuite[] = [];
  for (const id of ids.filter((id) => only.length === 0 || only.includes(id))) {
    const response = await fetch(`${server.url}/${id}/supergraph`);
    if (!response.ok) throw new Error(`the audit serves no supergraph for ${id}: ${response.status}`);
    suites.push({ id, supergraph: await response.text() });
  }
  return suites;
}

/**
 * A suite's tests, fetched afresh for each gateway as the audit's runner does: a stateful suite
 * (mutations) makes new request ids on every fetch, so two gateways never collide in its subgraphs.
 */
export function suiteTests(server: AuditServer, suite: AuditSuite): Promise<AuditTest[]> {
  return getJson<AuditTest[]>(`${server.url}/${suite.id}/tests`);
}

function npm(args: readonly string[], cwd: string): void {
  const result = spawnSync('npm', args, { cwd, stdio: 'inherit' });
  if (result.status !== 0) throw new Error(`npm ${args.join(' ')} failed in ${cwd}`);
}

async function readJson<T>(file: string): Promise<T> {
  return JSON.parse(await readFile(file, 'utf8')) as T;
}

async function getJson<T>(url: string): Promise<T> {
  const response = await fetch(url, { headers: { accept: 'application/json' } });
  if (!response.ok) throw new Error(`${url} answered ${response.status}`);
  return (await response.json()) as T;
}

/** The audit's CLI takes a port number only, so one is found free first. */
function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const address = probe.address();
      const port = typeof address === 'object' && address !== null ? address.port : 0;
      probe.close(() => resolve(port));
    });
  });
}
