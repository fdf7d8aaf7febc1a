import { describe, expect, it } from 'vitest';
import { loadConfig, type ConfigError } from '../config/env.ts';
import { telemetryConfigSpec, tracingSettings } from './telemetryConfig.ts';

const settingsFor = (env: Record<string, string>, processName = 'policy') =>
  tracingSettings(loadConfig(telemetryConfigSpec, env), processName);

describe('telemetry configuration', () => {
  it.each([
    ['no endpoint at all', {}],
    ['empty endpoints', { OTEL_EXPORTER_OTLP_ENDPOINT: '', OTEL_EXPORTER_OTLP_TRACES_ENDPOINT: '' }],
    [
      'an endpoint with the SDK disabled',
      { OTEL_EXPORTER_OTLP_ENDPOINT: 'http://collector:4318', OTEL_SDK_DISABLED: 'true' },
    ],
  ])('exports nothing given %s', (_case, env: Record<string, string>) => {
    expect(settingsFor(env)).toBeUndefined();
  });

  it.each([
    ['http://collector:4318', 'http://collector:4318/v1/traces'],
    ['http://collector:4318/', 'http://collector:4318/v1/traces'],
    ['https://otel.example/ingest', 'https://otel.example/ingest/v1/traces'],
  ])('sends traces under the base endpoint %s to %s', (base, tracesUrl) => {
    expect(settingsFor({ OTEL_EXPORTER_OTLP_ENDPOINT: base })?.tracesUrl).toBe(tracesUrl);
  });

  it('takes the traces endpoint as given, over the base endpoint', () => {
    const settings = settingsFor({
      OTEL_EXPORTER_OTLP_ENDPOINT: 'http://collector:4318',
      OTEL_EXPORTER_OTLP_TRACES_ENDPOINT: 'http://traces:9999/custom',
    });
    expect(settings?.tracesUrl).toBe('http://traces:9999/custom');
  });

  it('names the service after the process unless OTEL_SERVICE_NAME says otherwise', () => {
    const endpoint = { OTEL_EXPORTER_OTLP_ENDPOINT: 'http://collector:4318' };
    expect(settingsFor(endpoint, 'claims')?.serviceName).toBe('claims');
    expect(settingsFor({ ...endpoint, OTEL_SERVICE_NAME: 'claims-eu' }, 'claims')?.serviceName).toBe(
      'claims-eu',
    );
  });

  it('defaults to protobuf, parent-based always-on sampling and the SDK batch settings', () => {
    expect(settingsFor({ OTEL_EXPORTER_OTLP_ENDPOINT: 'http://collector:4318' })).toEqual({
      serviceName: 'policy',
      tracesUrl: 'http://collector:4318/v1/traces',
      protocol: 'http/protobuf',
      exportTimeoutMs: 10_000,
      sampler: 'parentbased_always_on',
      samplerRatio: 1,
      scheduleDelayMs: 5_000,
      maxQueueSize: 2_048,
    });
  });

  it('lets the traces protocol override the general one', () => {
    const settings = settingsFor({
      OTEL_EXPORTER_OTLP_ENDPOINT: 'http://collector:4318',
      OTEL_EXPORTER_OTLP_PROTOCOL: 'http/protobuf',
      OTEL_EXPORTER_OTLP_TRACES_PROTOCOL: 'http/json',
    });
    expect(settings?.protocol).toBe('http/json');
  });

  it('reads a sampling ratio', () => {
    const settings = settingsFor({
      OTEL_EXPORTER_OTLP_ENDPOINT: 'http://collector:4318',
      OTEL_TRACES_SAMPLER: 'parentbased_traceidratio',
      OTEL_TRACES_SAMPLER_ARG: '0.25',
    });
    expect(settings).toMatchObject({ sampler: 'parentbased_traceidratio', samplerRatio: 0.25 });
  });

  it.each([
    ['OTEL_EXPORTER_OTLP_ENDPOINT', 'collector:4318'],
    ['OTEL_EXPORTER_OTLP_ENDPOINT', 'not a url'],
    ['OTEL_EXPORTER_OTLP_TRACES_ENDPOINT', '/v1/traces'],
    ['OTEL_EXPORTER_OTLP_PROTOCOL', 'grpc'],
    ['OTEL_EXPORTER_OTLP_TRACES_PROTOCOL', 'http'],
    ['OTEL_TRACES_SAMPLER', 'sometimes'],
    ['OTEL_TRACES_SAMPLER_ARG', '1.5'],
    ['OTEL_TRACES_SAMPLER_ARG', '-0.1'],
    ['OTEL_TRACES_SAMPLER_ARG', 'half'],
    ['OTEL_BSP_SCHEDULE_DELAY', '0'],
    ['OTEL_EXPORTER_OTLP_TRACES_TIMEOUT', '10s'],
    ['OTEL_SDK_DISABLED', 'yes'],
  ])('refuses %s=%s at start-up, naming the variable', (variable, raw) => {
    expect(() => loadConfig(telemetryConfigSpec, { [variable]: raw })).toThrow(
      expect.objectContaining({ name: 'ConfigError', variable }) as ConfigError,
    );
  });
});
