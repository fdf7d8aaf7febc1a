/**
 * `npm start`: the whole system on embedded storage, as separate processes with prefixed logs.
 * DATA_DIR (default ./data) is where it keeps its data; PORTS=free runs it on ports the OS gives
 * instead of the documented ones. Ctrl-C, or SIGINT/SIGTERM to this process alone, stops every
 * process it started, by PID, and exits.
 */
import { mkdir } from 'node:fs/promises';
import { resolve } from 'node:path';
import { ESIA_TEST_PERSONS } from '@cabinet/esia-emulator/seed';
import { DEMO_PARTNER_CLIENTS, DEMO_STAFF } from '@cabinet/demo-data';
import { ConfigError, env, loadConfig } from '@cabinet/platform/config';
import { REPO_ROOT } from './launcher.ts';
import { startSystem, type RunningSystem } from './system.ts';

const startConfigSpec = {
  /** Where the services keep their SQLite files, keys, blobs and mailbox; a relative path is taken from the repository root. */
  DATA_DIR: env.string('data'),
  /** `fixed`: 4000-4004 and 4010, as documented; `free`: whatever the OS gives (printed once up). */
  PORTS: env.oneOf(['fixed', 'free'] as const, 'fixed'),
};

const COLOURS: Record<string, string> = {
  signin: '31',
  identity: '36',
  policy: '35',
  claims: '33',
  support: '93',
  gateway: '32',
  esia: '34',
};
const LEVEL_WIDTH = 5;

/** Coloured service names only for a terminal, and never against NO_COLOR (https://no-color.org). */
const colourful = process.stdout.isTTY && !process.env['NO_COLOR'];

function humanLine(service: string, line: string): string {
  const name = service.padEnd(8);
  const prefix = `${colourful ? `\x1b[${COLOURS[service] ?? '37'}m${name}\x1b[0m` : name}│ `;
  if (!line.startsWith('{')) return prefix + line;
  try {
    const { time, level, msg, service: _service, ...rest } = JSON.parse(line) as Record<string, unknown>;
    const clock = typeof time === 'string' ? time.slice(11, 19) : '';
    const extra = Object.keys(rest).length > 0 ? ` ${JSON.stringify(rest)}` : '';
    return `${prefix}${clock} ${(typeof level === 'string' ? level : '').padEnd(LEVEL_WIDTH)} ${typeof msg === 'string' ? msg : ''}${extra}`;
  } catch {
    return prefix + line;
  }
}

/** What each Gosuslugi test person shows (the README's table of demo persons says the same). */
const PERSON_ROLES: Record<keyof typeof ESIA_TEST_PERSONS, string> = {
  existingCustomer:
    'ОСАГО in force with demo claims, КАСКО due for renewal, ДМС instalments, an expired policy',
  secondCustomer: 'another customer: ОСАГО due for renewal, flat insurance',
  newcomer: 'unknown to the insurer: the first sign-in makes a customer',
  confirmed: 'ESIA test stand sample data, unknown to the insurer',
  unconfirmed: 'unconfirmed account: signs in, but no claims or payments',
};

/** Rows under a header, every column but the last padded, columns two spaces apart. */
function table(header: readonly string[], rows: readonly (readonly string[])[]): string[] {
  const widths = header.map((_, column) =>
    Math.max(...[header, ...rows].map((row) => (row[column] ?? '').length)),
  );
  return [header, ...rows].map(
    (row) =>
      '    ' +
      row
        .map((cell, column) => (column === row.length - 1 ? cell : cell.padEnd(widths[column] ?? 0)))
        .join('  '),
  );
}

/** What a person needs to try the system: ESIA test persons (SMS code in the esia log), staff, partners. */
function demoLogins(gatewayUrl: string): string {
  const persons = Object.entries(ESIA_TEST_PERSONS).map(([key, person]) => [
    key,
    person.contacts.find((contact) => contact.type === 'MBT')?.value ?? '',
    person.snils,
    person.password,
    PERSON_ROLES[key as keyof typeof ESIA_TEST_PERSONS],
  ]);
  const staff = DEMO_STAFF.map((member) => [member.login, member.password, member.roles.join(', ')]);
  const partners = DEMO_PARTNER_CLIENTS.map((client) => [client.clientId, client.clientSecret, client.name]);
  return [
    'Demo logins',
    '  Gosuslugi test persons: sign in on the sign-in page (or beginGosuslugiSignIn), log in at the ESIA',
    '  emulator with the phone or SNILS and the password; the SMS code is printed in the esia log.',
    ...table(['person', 'phone', 'SNILS', 'password', 'what they show'], persons),
    '  Staff (staffSignIn):',
    ...table(['login', 'password', 'roles'], staff),
    `  Partner apps (POST ${new URL('/oauth/token', gatewayUrl).toString()}, grant_type=client_credentials, scope claims:status):`,
    ...table(['client id', 'secret', 'partner'], partners),
  ].join('\n');
}

function configuration() {
  try {
    return loadConfig(startConfigSpec);
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    process.stderr.write(`npm start: ${error.message}\n`);
    return process.exit(1);
  }
}

const config = configuration();
const dataDir = resolve(REPO_ROOT, config.DATA_DIR);

const startup = new AbortController();
const starting = mkdir(dataDir, { recursive: true }).then(() =>
  startSystem({
    dataDir,
    ports: config.PORTS,
    seedDemoData: true,
    seedDemoClaims: true,
    signal: startup.signal,
    sink: (service, line) => process.stdout.write(`${humanLine(service, line)}\n`),
  }),
);

let stopping = false;
/** Services that died on their own, already reported. */
const died = new Set<string>();
/** Stops what has started (waiting for a start-up in progress to give up first), then exits. */
async function shutdown(code: number) {
  if (stopping) return;
  stopping = true;
  process.stdout.write('\nstopping all services…\n');
  startup.abort(new Error('stopped during start-up'));
  const system = await starting.catch(() => undefined);
  await system?.stop();
  let clean = died.size === 0;
  for (const service of Object.values(system?.services ?? {})) {
    const exit = 'exited' in service ? await service.exited : 0;
    if (exit === 0 || died.has(service.name)) continue;
    clean = false;
    process.stderr.write(`${service.name} did not stop cleanly (${String(exit)})\n`);
  }
  process.stdout.write('all services stopped\n');
  process.exit(clean ? code : 1);
}
process.on('SIGINT', () => void shutdown(0));
process.on('SIGTERM', () => void shutdown(0));

/** Stops everything when a service dies, and tells the person where everything is. */
function announce(system: RunningSystem) {
  for (const service of Object.values(system.services)) {
    if (!('exited' in service)) continue;
    void service.exited.then((code) => {
      if (stopping) return;
      died.add(service.name);
      process.stderr.write(`${service.name} exited unexpectedly (${String(code)}); stopping the rest\n`);
      void shutdown(1);
    });
  }
  process.stdout.write(`
Личный кабинет is up.
  Sign-in page (sign in through Gosuslugi in a browser, get tokens for GraphiQL): ${system.signInPageUrl}
  Gateway (GraphQL, GraphiQL with examples, graphql-ws, SSE): ${system.gatewayUrl}
  Health: ${new URL('/healthcheck', system.gatewayUrl).toString()}   Readiness: ${new URL('/readiness', system.gatewayUrl).toString()}   Metrics: ${system.gatewayMetricsUrl}
  ESIA emulator (Gosuslugi stand-in): ${system.esiaUrl}   redirect URIs: ${Object.values(system.redirectUris).join(', ')}
  Data: ${dataDir}
${demoLogins(system.gatewayUrl)}
Press Ctrl-C to stop.
`);
}

try {
  const system = await starting;
  if (!stopping) announce(system);
} catch (error) {
  // Asked to stop during start-up, `shutdown` exits once what had started is stopped.
  if (!stopping) {
    process.stderr.write(
      `could not start the system: ${error instanceof Error ? error.message : String(error)}\n`,
    );
    process.exit(1);
  }
}
