import { resolve } from 'node:path';
import { parseArgs } from 'node:util';

/**
 * `npm run bench -- gateway -- [options]`, read by both modes:
 *   --stubs / --real       only the stub-subgraph mode / only the real-subgraph mode (default: both)
 *   --rounds N --seconds S --warmup S   rounds, seconds per round and warm-up seconds (3, 8, 3)
 *   --cpu-prof DIR         the stub mode starts our gateway under `node --cpu-prof` writing to DIR and
 *                          prints its self time by module and the time under each of our files
 */
const { values } = parseArgs({
  options: {
    stubs: { type: 'boolean', default: false },
    real: { type: 'boolean', default: false },
    rounds: { type: 'string', default: '3' },
    seconds: { type: 'string', default: '8' },
    warmup: { type: 'string', default: '3' },
    'cpu-prof': { type: 'string' },
  },
});

function positive(name: string, raw: string): number {
  const value = Number(raw);
  if (!(value > 0)) throw new Error(`--${name} takes a positive number, not "${raw}"`);
  return value;
}

const both = !values.stubs && !values.real;

export const gatewayBenchOptions = {
  stubs: values.stubs || both,
  real: values.real || both,
  rounds: Math.round(positive('rounds', values.rounds)),
  roundSeconds: positive('seconds', values.seconds),
  warmupSeconds: positive('warmup', values.warmup),
  cpuProfileDir: values['cpu-prof'] === undefined ? undefined : resolve(values['cpu-prof']),
};
