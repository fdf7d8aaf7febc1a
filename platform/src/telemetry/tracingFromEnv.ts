import { loadConfig } from '../config/env.ts';
import type { ProcessTracing } from './processTracing.ts';
import { telemetryConfigSpec, tracingSettings } from './telemetryConfig.ts';

/**
 * Tracing as the environment configures it for a process of that name: the variables are validated
 * always, the SDK and its exporter are loaded only when an endpoint is set.
 */
export async function startTracingFromEnv(
  processName: string,
  source: Record<string, string | undefined> = process.env,
): Promise<ProcessTracing | undefined> {
  const settings = tracingSettings(loadConfig(telemetryConfigSpec, source), processName);
  if (settings === undefined) return undefined;
  const { startProcessTracing } = await import('./processTracing.ts');
  return startProcessTracing(settings);
}
