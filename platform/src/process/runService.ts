import { ConfigError } from '../config/env.ts';

export interface RunningService {
  readonly url: string;
  stop(): Promise<void>;
}

/**
 * The `main` of every service process: starts it, prints a clear line instead of a stack trace for
 * a bad configuration, and on SIGTERM/SIGINT stops it gracefully and exits 0.
 */
export function runService(name: string, start: () => Promise<RunningService>): void {
  let running: RunningService | undefined;
  let stopping = false;

  const shutdown = (signal: string) => {
    if (stopping) return;
    stopping = true;
    const forced = setTimeout(() => {
      process.stderr.write(`${name}: shutdown took too long after ${signal}, exiting\n`);
      process.exit(1);
    }, 15_000);
    forced.unref();
    void (running?.stop() ?? Promise.resolve()).then(
      () => process.exit(0),
      (error: unknown) => {
        process.stderr.write(`${name}: error while stopping: ${String(error)}\n`);
        process.exit(1);
      },
    );
  };
  process.once('SIGTERM', () => shutdown('SIGTERM'));
  process.once('SIGINT', () => shutdown('SIGINT'));

  // Through a promise, so a configuration error thrown before `start` returns is reported the same way.
  Promise.resolve()
    .then(start)
    .then(
      (service) => {
        running = service;
        if (stopping) void service.stop().then(() => process.exit(0));
      },
      (error: unknown) => {
        if (error instanceof ConfigError) {
          process.stderr.write(`${name}: ${error.message}\n`);
        } else {
          process.stderr.write(
            `${name}: failed to start: ${error instanceof Error ? error.message : String(error)}\n`,
          );
        }
        process.exit(1);
      },
    );
}
