/**
 * Setup file of every test project. Its afterAll runs after the file's own: a file whose hook timed out
 * (and whose afterAll had no system to shut down) still ends with nothing it started left running.
 */
import { afterAll, inject } from 'vitest';
import { PROCESS_REGISTRY_VARIABLE, stopRecordedProcesses } from './processRegistry.ts';

process.env[PROCESS_REGISTRY_VARIABLE] = inject('processRegistry');

afterAll(async () => {
  const killed = await stopRecordedProcesses();
  if (killed.length > 0) {
    throw new Error(`the file left processes running, killed them: ${killed.join(', ')}`);
  }
});
