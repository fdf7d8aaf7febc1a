import { ConfigError, env, optional, type ConfigOf, type Setting } from '../config/env.ts';

export const OTLP_PROTOCOLS = ['http/protobuf', 'http/json'] as const;
export type OtlpProtocol = (typeof OTLP_PROTOCOLS)[number];

export const TRACE_SAMPLERS = [
  'parentbased_always_on',
  'parentbased_always_off',
  'parentbased_traceidratio',
  'always_on',
  'always_off',
  'traceidratio',
] as const;
export type TraceSamplerName = (typeof TRACE_SAMPLERS)[number];

/**
 * The standard OpenTelemetry variables every process reads (gateway and subgraphs alike). Nothing is
 * exported unless an OTLP endpoint is set; the SDK's own env fallbacks are not relied on, so a
 * malformed value stops the service at start-up like any other setting.
 */
export const telemetryConfigSpec = {
  /** `true` turns tracing off even when an endpoint is set. */
  OTEL_SDK_DISABLED: env.oneOf(['true', 'false'] as const, 'false'),
  /** Base URL of an OTLP/HTTP receiver; traces go to `<base>/v1/traces`. */
  OTEL_EXPORTER_OTLP_ENDPOINT: optional(httpUrl()),
  /** The full traces URL, used as given; wins over OTEL_EXPORTER_OTLP_ENDPOINT. */
  OTEL_EXPORTER_OTLP_TRACES_ENDPOINT: optional(httpUrl()),
  OTEL_EXPORTER_OTLP_PROTOCOL: env.oneOf(OTLP_PROTOCOLS, 'http/protobuf'),
  /** Wins over OTEL_EXPORTER_OTLP_PROTOCOL for traces. */
  OTEL_EXPORTER_OTLP_TRACES_PROTOCOL: optional(env.oneOf(OTLP_PROTOCOLS)),
  /** One export request's limit. */
  OTEL_EXPORTER_OTLP_TRACES_TIMEOUT: env.integer(10_000, { min: 1, max: 600_000 }),
  /** Unset: the name the process runs as (gateway, identity, policy, claims). */
  OTEL_SERVICE_NAME: optional(env.string()),
  OTEL_TRACES_SAMPLER: env.oneOf(TRACE_SAMPLERS, 'parentbased_always_on'),
  /** The sampled share of new traces for the ratio samplers, from 0 to 1. */
  OTEL_TRACES_SAMPLER_ARG: ratio(1),
  /** How long finished spans wait before they are sent in one batch. */
  OTEL_BSP_SCHEDULE_DELAY: env.integer(5_000, { min: 1, max: 600_000 }),
  /** Finished spans held for export; more are dropped rather than let memory grow. */
  OTEL_BSP_MAX_QUEUE_SIZE: env.integer(2_048, { min: 1, max: 1_000_000 }),
};

export type TelemetryConfig = ConfigOf<typeof telemetryConfigSpec>;

/** What a process needs to export its spans; absent when tracing is off. */
export interface TracingSettings {
  readonly serviceName: string;
  readonly tracesUrl: string;
  readonly protocol: OtlpProtocol;
  readonly exportTimeoutMs: number;
  readonly sampler: TraceSamplerName;
  readonly samplerRatio: number;
  readonly scheduleDelayMs: number;
  readonly maxQueueSize: number;
}

export function tracingSettings(config: TelemetryConfig, processName: string): TracingSettings | undefined {
  if (config.OTEL_SDK_DISABLED === 'true') return undefined;
  const tracesUrl =
    config.OTEL_EXPORTER_OTLP_TRACES_ENDPOINT ?? tracesUrlUnder(config.OTEL_EXPORTER_OTLP_ENDPOINT);
  if (tracesUrl === undefined) return undefined;
  return {
    serviceName: config.OTEL_SERVICE_NAME ?? processName,
    tracesUrl,
    protocol: config.OTEL_EXPORTER_OTLP_TRACES_PROTOCOL ?? config.OTEL_EXPORTER_OTLP_PROTOCOL,
    exportTimeoutMs: config.OTEL_EXPORTER_OTLP_TRACES_TIMEOUT,
    sampler: config.OTEL_TRACES_SAMPLER,
    samplerRatio: config.OTEL_TRACES_SAMPLER_ARG,
    scheduleDelayMs: config.OTEL_BSP_SCHEDULE_DELAY,
    maxQueueSize: config.OTEL_BSP_MAX_QUEUE_SIZE,
  };
}

/** The OTLP rule for a base endpoint: the signal's path is appended to whatever path it has. */
function tracesUrlUnder(base: string | undefined): string | undefined {
  if (base === undefined) return undefined;
  return `${base.endsWith('/') ? base : `${base}/`}v1/traces`;
}

/** `collector:4318` parses as a URL with the scheme `collector:`; OTLP over HTTP needs http or https. */
function httpUrl(): Setting<string> {
  const url = env.url();
  return {
    read(variable, raw) {
      const value = url.read(variable, raw);
      if (!/^https?:\/\//.test(value)) {
        throw new ConfigError(variable, `must be an http:// or https:// URL, got "${raw}"`);
      }
      return value;
    },
  };
}

function ratio(fallback: number): Setting<number> {
  return {
    read(variable, raw) {
      if (raw === undefined) return fallback;
      const value = Number(raw);
      if (!/^\d*\.?\d+$/.test(raw.trim()) || value > 1) {
        throw new ConfigError(variable, `must be a number from 0 to 1, got "${raw}"`);
      }
      return value;
    },
  };
}
