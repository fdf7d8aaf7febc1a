/**
 * `npm start` as a person runs it in a terminal: its own process group (a terminal's Ctrl-C reaches
 * the whole group), its output read line by line as printed, and the processes of the group read
 * from /proc, so a test can tell whether anything outlived it.
 */
import { spawn } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { createInterface } from 'node:readline';
import { REPO_ROOT } from '../../scripts/launcher.ts';

export interface Exit {
  readonly code: number | null;
  readonly signal: NodeJS.Signals | null;
}

/** A process as /proc shows it; the start time tells a process from a later one given the same PID. */
export interface ProcessInfo {
  readonly pid: number;
  readonly startTime: string;
  readonly command: string;
}

export interface NpmStart {
  /** npm's PID, which is also the process group's id. */
  readonly pid: number;
  /** Every line printed so far, stdout and stderr together. */
  readonly lines: readonly string[];
  readonly exited: Promise<Exit>;
  /** Waits for the first line from `from` on that matches; fails when npm exits first. */
  untilLine(pattern: RegExp, timeoutMs: number, from?: number): Promise<{ line: string; index: number }>;
  /** What a terminal's Ctrl-C does: SIGINT to every process of the group. */
  interrupt(): void;
  /** The live processes of the group (zombies are dead and not counted). */
  processes(): ProcessInfo[];
  /** After a failed test: SIGKILL to whatever of the group is still alive. */
  kill(): void;
}

function processInfo(pid: number): (ProcessInfo & { state: string; group: number }) | undefined {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // comm, the second field, is in parentheses and may contain spaces: the fields after its ')' are plain.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    const command = readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0').join(' ').trim();
    return { pid, state: fields[0] ?? '', group: Number(fields[2]), startTime: fields[19] ?? '', command };
  } catch {
    return undefined; // gone meanwhile
  }
}

function liveProcesses(): (ProcessInfo & { group: number })[] {
  return readdirSync('/proc')
    .filter((entry) => /^\d+$/.test(entry))
    .map((entry) => processInfo(Number(entry)))
    .filter((info) => info !== undefined && info.state !== 'Z')
    .map((info) => info!);
}

/** Whether the process is still the one seen before (same PID and start time) and not a zombie. */
export function stillRunning(seen: ProcessInfo): boolean {
  const now = processInfo(seen.pid);
  return now !== undefined && now.state !== 'Z' && now.startTime === seen.startTime;
}

/**
 * What vitest adds to a test's environment. NODE_ENV=test changes what libraries do (Apollo Server
 * leaves signals alone under it), so `npm start` runs without them, as in a person's shell.
 */
const SET_BY_VITEST = ['NODE_ENV', 'TEST', 'MODE', 'PROD', 'DEV', 'SSR', 'BASE_URL'];

/** The test's environment without what vitest set, plus `env`. */
export function shellEnvironment(env: Readonly<Record<string, string>>): Record<string, string | undefined> {
  const inherited = Object.entries(process.env).filter(
    ([name]) => !SET_BY_VITEST.includes(name) && !name.startsWith('VITEST'),
  );
  return { ...Object.fromEntries(inherited), ...env };
}

export function npmStart(env: Readonly<Record<string, string>>): NpmStart {
  const child = spawn('npm', ['start'], {
    cwd: REPO_ROOT,
    env: shellEnvironment(env),
    detached: true,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const pid = child.pid;
  if (pid === undefined) throw new Error('npm start could not be spawned');
  const lines: string[] = [];
  const listeners = new Set<() => void>();
  const onLine = (line: string) => {
    lines.push(line);
    if (process.env['E2E_LOGS']) process.stderr.write(`[npm start] ${line}\n`);
    listeners.forEach((listener) => listener());
  };
  createInterface({ input: child.stdout }).on('line', onLine);
  createInterface({ input: child.stderr }).on('line', onLine);
  const exited = new Promise<Exit>((resolve) =>
    child.once('exit', (code, signal) => resolve({ code, signal })),
  );
  /** Set once npm has exited and everything it printed has been read. */
  let ended: Exit | undefined;
  child.once('close', (code, signal) => {
    ended = { code, signal };
    listeners.forEach((listener) => listener());
  });
  const group = () => liveProcesses().filter((info) => info.group === pid);

  return {
    pid,
    lines,
    exited,
    untilLine(pattern, timeoutMs, from = 0) {
      return new Promise((resolve, reject) => {
        const check = () => {
          const index = lines.findIndex((line, at) => at >= from && pattern.test(line));
          if (index >= 0) {
            done();
            resolve({ line: lines[index]!, index });
          } else if (ended) {
            done();
            reject(
              new Error(`npm start exited (${JSON.stringify(ended)}) before printing ${String(pattern)}`),
            );
          }
        };
        const timer = setTimeout(() => {
          done();
          reject(new Error(`npm start printed no ${String(pattern)} within ${timeoutMs} ms`));
        }, timeoutMs);
        const done = () => {
          clearTimeout(timer);
          listeners.delete(check);
        };
        listeners.add(check);
        check();
      });
    },
    interrupt: () => process.kill(-pid, 'SIGINT'),
    processes: () =>
      group().map(({ pid: member, startTime, command }) => ({ pid: member, startTime, command })),
    kill() {
      if (group().length === 0) return;
      try {
        process.kill(-pid, 'SIGKILL');
      } catch {
        // the group ended meanwhile
      }
    },
  };
}

/** `npm run <script> -- <args>` to its end, as typed in a shell. */
export function npmRun(
  script: string,
  args: readonly string[],
  env: Readonly<Record<string, string>>,
): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn('npm', ['run', '--silent', script, '--', ...args], {
      cwd: REPO_ROOT,
      env: shellEnvironment(env),
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.once('close', (code) => resolve({ code, stdout, stderr }));
  });
}

/** Waits until none of the processes is running any more; resolves with those still running at the deadline. */
export async function untilGone(
  processes: readonly ProcessInfo[],
  timeoutMs: number,
): Promise<ProcessInfo[]> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const running = processes.filter(stillRunning);
    if (running.length === 0 || Date.now() > deadline) return running;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

/** What `npm start` prints once the system is up, as a person reads it. */
export interface Announcement {
  readonly gatewayUrl: string;
  readonly esiaUrl: string;
  readonly redirectUris: readonly string[];
  /** Each table of the demo logins, its rows keyed by the column headers. */
  readonly tables: readonly (readonly Readonly<Record<string, string>>[])[];
}

/**
 * Reads the announcement: `Label: value` lines, and tables of rows indented by four spaces whose
 * columns stand two or more spaces apart, under a header row.
 */
export function readAnnouncement(lines: readonly string[]): Announcement {
  const start = lines.findLastIndex((line) => line === 'Личный кабинет is up.');
  if (start < 0) throw new Error('npm start did not say it is up');
  const printed = lines.slice(start);
  const value = (pattern: RegExp) => {
    const match = printed.map((line) => pattern.exec(line)).find((found) => found !== null);
    if (!match?.[1]) throw new Error(`npm start printed nothing like ${String(pattern)}`);
    return match[1];
  };
  const tables: Record<string, string>[][] = [];
  let header: string[] | undefined;
  for (const line of printed) {
    if (!/^ {4}\S/.test(line)) {
      header = undefined;
      continue;
    }
    const cells = line.trim().split(/ {2,}/);
    if (!header) {
      header = cells;
      tables.push([]);
      continue;
    }
    const columns = header;
    tables.at(-1)!.push(Object.fromEntries(columns.map((column, index) => [column, cells[index] ?? ''])));
  }
  return {
    gatewayUrl: value(/^ {2}Gateway \([^)]*\): (\S+)/),
    esiaUrl: value(/^ {2}ESIA emulator \([^)]*\): (\S+)/),
    redirectUris: value(/redirect URIs: (.+)$/).split(', '),
    tables,
  };
}

/** The row of the table that has `column` whose `column` is `key`. */
export function row(
  announcement: Announcement,
  column: string,
  key: string,
): Readonly<Record<string, string>> {
  const found = announcement.tables.flat().find((candidate) => candidate[column] === key);
  if (!found) throw new Error(`npm start printed no ${column} ${key}`);
  return found;
}
