import { ConfigError } from '../config/env.ts';
import type { ProcessTracing } from '../telemetry/processTracing.ts';
import { startTracingFromEnv } from '../telemetry/tracingFromEnv.ts';

export interface RunningService {
  readonly url: string;
  stop(): Promise<void>;
}

/** An unreachable collector must not hold up the exit: spans still unsent by then are given up. */
const TRACE_FLUSH_LIMIT_MS = 3_000;

/**
 * The `main` of every service process: starts tracing when an OTLP endpoint is configured, starts the
 * service (told whether it is traced), prints a clear line instead of a stack trace for a bad configuration, and on SIGTERM/SIGINT
 * stops it gracefully, sends the spans still queued and exits 0.
 */
export function runService(
  name: string,
  start: (tracing: ProcessTracing | undefined) => Promise<RunningService>,
): void {
  let running: RunningService | undefined;
  let tracing: ProcessTracing | undefined;
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
      () => flushTraces(tracing).then(() => process.exit(0)),
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
    .then(() => startTracingFromEnv(name))
    .then((started) => {
      tracing = started;
      return start(started);
    })
    .then(
      (service) => {
        running = service;
        if (stopping)
          void service
            .stop()
            .then(() => flushTraces(tracing))
            .then(() => process.exit(0));
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

async function flushTraces(tracing: ProcessTracing | undefined): Promise<void> {
  if (tracing === undefined) return;
  let limit: NodeJS.Timeout | undefined;
  const givenUp = new Promise<void>((resolve) => {
    limit = setTimeout(resolve, TRACE_FLUSH_LIMIT_MS);
  });
  await Promise.race([tracing.shutdown().catch(() => undefined), givenUp]);
  clearTimeout(limit);
}
