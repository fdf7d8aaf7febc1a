/**
 * `npm start`: the whole system on embedded storage under ./data, as separate processes with
 * prefixed logs. Ctrl-C (or SIGTERM) stops every process it started, by PID, and exits.
 */
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { REPO_ROOT } from './launcher.ts';
import { startSystem, type RunningSystem } from './system.ts';

const COLOURS: Record<string, string> = { identity: '36', policy: '35', claims: '33', gateway: '32', esia: '34' };
const LEVEL_WIDTH = 5;

function humanLine(service: string, line: string): string {
  const prefix = `\x1b[${COLOURS[service] ?? '37'}m${service.padEnd(8)}\x1b[0m│ `;
  if (!line.startsWith('{')) return prefix + line;
  try {
    const { time, level, msg, service: _service, ...rest } = JSON.parse(line) as Record<string, unknown>;
    const clock = typeof time === 'string' ? time.slice(11, 19) : '';
    const extra = Object.keys(rest).length > 0 ? ` ${JSON.stringify(rest)}` : '';
    return `${prefix}${clock} ${String(level ?? '').padEnd(LEVEL_WIDTH)} ${String(msg ?? '')}${extra}`;
  } catch {
    return prefix + line;
  }
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
    sink: (service, line) => process.stdout.write(`${humanLine(service, line)}\n`),
  });
} catch (error) {
  process.stderr.write(`could not start the system: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
}

for (const service of Object.values(system.services)) {
  void service.exited.then((code) => {
    if (stopping) return;
    process.stderr.write(`${service.name} exited unexpectedly (${String(code)}); stopping the rest\n`);
    void shutdown(1);
  });
}

process.stdout.write(`
Личный кабинет is up.
  Gateway (GraphQL, GraphiQL, graphql-ws, SSE): ${system.gatewayUrl}
  Health: ${new URL('/healthcheck', system.gatewayUrl).toString()}   Readiness: ${new URL('/readiness', system.gatewayUrl).toString()}
  Data: ${dataDir}
Press Ctrl-C to stop.
`);
