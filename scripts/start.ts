/**
 * `npm start`: the whole system on embedded storage under ./data, as separate processes with
 * prefixed logs. Ctrl-C (or SIGTERM) stops every process it started, by PID, and exits.
 */
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { ESIA_TEST_PERSONS } from '@cabinet/esia-emulator/seed';
import { DEMO_STAFF } from '@cabinet/demo-data';
import { DEMO_PARTNER_CLIENTS } from '@cabinet/identity/demo';
import { REPO_ROOT } from './launcher.ts';
import { startSystem, type RunningSystem } from './system.ts';

const COLOURS: Record<string, string> = {
  signin: '31',
  identity: '36',
  policy: '35',
  claims: '33',
  gateway: '32',
  esia: '34',
};
const LEVEL_WIDTH = 5;

function humanLine(service: string, line: string): string {
  const prefix = `\x1b[${COLOURS[service] ?? '37'}m${service.padEnd(8)}\x1b[0m│ `;
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

/** What a person needs to try the system: ESIA test persons (SMS code in the esia log), staff, partners. */
function demoLogins(): string {
  const persons = Object.entries(ESIA_TEST_PERSONS).map(([key, person]) => {
    const phone = person.contacts.find((contact) => contact.type === 'MBT')?.value ?? '';
    const role = PERSON_ROLES[key as keyof typeof ESIA_TEST_PERSONS];
    return `    ${key.padEnd(17)} ${phone.padEnd(16)} ${person.snils.padEnd(15)} ${person.password.padEnd(17)} ${role}`;
  });
  const staff = DEMO_STAFF.map(
    (member) => `    ${member.login.padEnd(17)} ${member.password.padEnd(16)} ${member.roles.join(', ')}`,
  );
  const partners = DEMO_PARTNER_CLIENTS.map(
    (client) => `    ${client.clientId.padEnd(17)} ${client.clientSecret.padEnd(24)} ${client.name}`,
  );
  return [
    'Demo logins',
    '  Gosuslugi (on the sign-in page, or beginGosuslugiSignIn; the SMS code is printed in the esia log):',
    ...persons,
    '  Staff (staffSignIn):',
    ...staff,
    '  Partner apps (POST /oauth/token on identity, grant_type=client_credentials, scope claims:status):',
    ...partners,
  ].join('\n');
}

const dataDir = join(REPO_ROOT, 'data');
await mkdir(dataDir, { recursive: true });

let system: RunningSystem | undefined;
let stopping = false;
async function shutdown(code: number) {
  if (stopping) return;
  stopping = true;
  process.stdout.write('\nstopping all services…\n');
  await system?.stop();
  process.exit(code);
}
process.on('SIGINT', () => void shutdown(0));
process.on('SIGTERM', () => void shutdown(0));

try {
  system = await startSystem({
    dataDir,
    ports: 'fixed',
    seedDemoData: true,
    env: { SEED_DEMO_CLAIMS: 'yes' },
    sink: (service, line) => process.stdout.write(`${humanLine(service, line)}\n`),
  });
} catch (error) {
  process.stderr.write(
    `could not start the system: ${error instanceof Error ? error.message : String(error)}\n`,
  );
  process.exit(1);
}

for (const service of Object.values(system.services)) {
  if (!('exited' in service)) continue;
  void service.exited.then((code) => {
    if (stopping) return;
    process.stderr.write(`${service.name} exited unexpectedly (${String(code)}); stopping the rest\n`);
    void shutdown(1);
  });
}

process.stdout.write(`
Личный кабинет is up.
  Sign-in page (sign in through Gosuslugi in a browser, get tokens for GraphiQL): ${system.signInPageUrl}
  Gateway (GraphQL, GraphiQL with examples, graphql-ws, SSE): ${system.gatewayUrl}
  Health: ${new URL('/healthcheck', system.gatewayUrl).toString()}   Readiness: ${new URL('/readiness', system.gatewayUrl).toString()}
  ESIA emulator (Gosuslugi stand-in): ${system.esiaUrl}   redirect URIs: ${Object.values(system.redirectUris).join(', ')}
  Data: ${dataDir}
${demoLogins()}
Press Ctrl-C to stop.
`);
