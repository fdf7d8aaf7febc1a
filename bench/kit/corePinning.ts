import { execFileSync } from 'node:child_process';
import { availableParallelism } from 'node:os';

/**
 * Which cores a measured process and the rest (load generator, stubs) get: the last core for the
 * measured one, the others for the rest, so neither takes the other's CPU. With taskset (util-linux)
 * missing or a single core, nothing is pinned and `description` says so.
 */
export interface CorePinning {
  readonly description: string;
  /** Pins a running process, all its threads, to the measured core. */
  pinMeasured(pid: number): void;
  /** Pins a running process, all its threads, to the other cores. */
  pinRest(pid: number): void;
}

export function corePinning(): CorePinning {
  const cores = availableParallelism();
  if (cores < 2 || !hasTaskset())
    return {
      description: `not pinned (${cores < 2 ? 'one core' : 'no taskset: install util-linux'})`,
      pinMeasured: () => {},
      pinRest: () => {},
    };
  const measured = String(cores - 1);
  const rest = cores === 2 ? '0' : `0-${cores - 2}`;
  const pin = (cpus: string) => (pid: number) => {
    execFileSync('taskset', ['--all-tasks', '--cpu-list', '--pid', cpus, String(pid)], { stdio: 'ignore' });
  };
  return {
    description: `gateway on core ${measured}, load generator and stubs on core${cores === 2 ? '' : 's'} ${rest} (taskset)`,
    pinMeasured: pin(measured),
    pinRest: pin(rest),
  };
}

function hasTaskset(): boolean {
  try {
    execFileSync('taskset', ['--version'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}
