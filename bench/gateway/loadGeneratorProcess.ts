import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import type { LoadJob, LoadResult } from './loadJob.ts';

export interface LoadGeneratorProcess {
  readonly pid: number | undefined;
  run(job: LoadJob): Promise<LoadResult>;
  stop(): void;
}

/** Starts ./loadGenerator.ts, a process of its own so that its CPU is not counted as a gateway's. */
export function startLoadGenerator(): LoadGeneratorProcess {
  const child = spawn(
    process.execPath,
    ['--import', 'tsx', fileURLToPath(new URL('loadGenerator.ts', import.meta.url))],
    { stdio: ['ignore', 'inherit', 'inherit', 'ipc'], serialization: 'advanced' },
  );
  return {
    pid: child.pid,
    run: (job) =>
      new Promise((resolve, reject) => {
        const onExit = () => reject(new Error('the load generator exited'));
        child.once('exit', onExit);
        child.once('message', (message: { result?: LoadResult; error?: string }) => {
          child.off('exit', onExit);
          if (message.result) resolve(message.result);
          else reject(new Error(`the load generator failed: ${message.error ?? 'no reason given'}`));
        });
        child.send(job);
      }),
    stop() {
      if (child.pid !== undefined && child.exitCode === null) process.kill(child.pid);
    },
  };
}
