/**
 * `npm run bench -- gateway [-- options]`: the gateways measured alone on stub subgraphs
 * (./gatewayAlone.ts), then on the real subgraphs (./realSubgraphs.ts), each mode in this order.
 *
 *   --stubs                only the stub-subgraph mode;  --real  only the real-subgraph mode
 *   --rounds N --seconds S --warmup S   the stub mode's rounds, seconds per round and warm-up seconds
 *   --cpu-prof DIR         the stub mode starts our gateway under `node --cpu-prof` writing to DIR and
 *                          prints its self time by module and the time under each of our files
 */
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { benchGatewayAlone } from './gatewayAlone.ts';

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
const positive = (name: string, raw: string): number => {
  const value = Number(raw);
  if (!(value > 0)) throw new Error(`--${name} takes a positive number, not "${raw}"`);
  return value;
};
const both = !values.stubs && !values.real;

if (values.stubs || both)
  await benchGatewayAlone({
    rounds: Math.round(positive('rounds', values.rounds)),
    roundSeconds: positive('seconds', values.seconds),
    warmupSeconds: positive('warmup', values.warmup),
    cpuProfileDir: values['cpu-prof'] === undefined ? undefined : resolve(values['cpu-prof']),
  });
if (values.real || both) await import('./realSubgraphs.ts');
