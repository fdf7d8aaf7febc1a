/**
 * `npm run test:dates`: the date-sensitive e2e suites again with the whole machine's clock moved to
 * the dates where date arithmetic breaks, so a date bomb is found before its day comes. libfaketime
 * (Debian's `faketime`) moves the wall clock of every process the run starts by one relative offset,
 * so vitest, `npm start` and the services it launches agree on the date; monotonic clocks stay real, so
 * timers and timeouts keep working. `npm run test:dates -- <test files>` runs other suites at the same
 * dates.
 */
import { spawn } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { REPO_ROOT } from './launcher.ts';

/**
 * The whole system started as a newcomer starts it (seeding, sign-in, a claim on the policy in force,
 * staff moving it), and the policy suite (renewal windows, instalments due, pro-rata changes).
 */
const DATE_SENSITIVE_SUITES = ['test/e2e/newcomer.e2e.test.ts', 'test/e2e/policy.e2e.test.ts'];

const MOSCOW_OFFSET_HOURS = 3;

/** A Moscow wall-clock time as a moment (Moscow keeps UTC+3 all year). */
function moscow(year: number, month: number, day: number, hour: number, minute: number): Date {
  return new Date(Date.UTC(year, month - 1, day, hour - MOSCOW_OFFSET_HOURS, minute));
}

interface DateRun {
  readonly why: string;
  readonly at: Date;
}

/** The next Moscow date and time after `now` that exists (29 February only in leap years). */
function next(now: Date, month: number, day: number, hour: number, minute: number): Date {
  for (let year = now.getUTCFullYear(); ; year += 1) {
    if (new Date(Date.UTC(year, month - 1, day)).getUTCMonth() !== month - 1) continue;
    const at = moscow(year, month, day, hour, minute);
    if (at > now) return at;
  }
}

/**
 * Both at half past midnight in Moscow, while UTC still has the day before: a date taken in UTC
 * instead of Moscow time is a day off there.
 */
function dateRuns(now: Date): DateRun[] {
  return [
    {
      why: 'a leap day, the end of February, with UTC still on the 28th',
      at: next(now, 2, 29, 0, 30),
    },
    {
      why: 'New Year in Moscow with UTC still in the old year; the New Year holidays (1-8 January) ahead',
      at: next(now, 1, 1, 0, 30),
    },
  ];
}

function libfaketime(): string {
  const found = readdirSync('/usr/lib', { withFileTypes: true })
    .filter((entry) => entry.isDirectory())
    .map((entry) => join('/usr/lib', entry.name, 'faketime', 'libfaketime.so.1'))
    .find((candidate) => existsSync(candidate));
  if (!found) {
    process.stderr.write('test:dates needs libfaketime: apt-get install faketime (Debian, Ubuntu)\n');
    process.exit(2);
  }
  return found;
}

function vitestAt(library: string, run: DateRun, suites: readonly string[]): Promise<number | null> {
  const vitest = join(dirname(createRequire(import.meta.url).resolve('vitest/package.json')), 'vitest.mjs');
  const offsetSeconds = Math.round((run.at.getTime() - Date.now()) / 1_000);
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [vitest, 'run', ...suites], {
      cwd: REPO_ROOT,
      stdio: 'inherit',
      env: {
        ...process.env,
        LD_PRELOAD: library,
        FAKETIME: `${offsetSeconds >= 0 ? '+' : ''}${offsetSeconds}`,
        FAKETIME_DONT_FAKE_MONOTONIC: '1',
      },
    });
    child.once('exit', (code) => resolve(code));
  });
}

const library = libfaketime();
const requested = process.argv.slice(2);
const suites = requested.length > 0 ? requested : DATE_SENSITIVE_SUITES;
const outcomes: string[] = [];
let failed = false;
for (const run of dateRuns(new Date())) {
  const started = performance.now();
  process.stdout.write(`\n── ${run.at.toISOString()} (${run.why})\n`);
  const code = await vitestAt(library, run, suites);
  const seconds = ((performance.now() - started) / 1_000).toFixed(0);
  failed ||= code !== 0;
  outcomes.push(`${code === 0 ? 'passed' : 'FAILED'}  ${run.at.toISOString()}  ${seconds} s  ${run.why}`);
}
process.stdout.write(`\n${outcomes.join('\n')}\n`);
process.exitCode = failed ? 1 : 0;
