import { context, trace } from '@opentelemetry/api';
import { OTLPTraceExporter as OtlpJsonTraceExporter } from '@opentelemetry/exporter-trace-otlp-http';
import { OTLPTraceExporter as OtlpProtobufTraceExporter } from '@opentelemetry/exporter-trace-otlp-proto';
import { resourceFromAttributes } from '@opentelemetry/resources';
import {
  AlwaysOffSampler,
  AlwaysOnSampler,
  BasicTracerProvider,
  BatchSpanProcessor,
  ParentBasedSampler,
  TraceIdRatioBasedSampler,
  type Sampler,
} from '@opentelemetry/sdk-trace-base';
import { ATTR_SERVICE_NAME } from '@opentelemetry/semantic-conventions';
import { asyncContextManager } from './activeContext.ts';
import type { TracingSettings } from './telemetryConfig.ts';

export interface ProcessTracing {
  /** Sends the spans still queued and stops tracing; the global tracer is a no-op again afterwards. */
  shutdown(): Promise<void>;
}

/** The SDK's default batch size, kept within a smaller queue. */
const MAX_EXPORT_BATCH = 512;

/**
 * Installs the process's tracer provider as the OpenTelemetry global, so the gateway and subgraph
 * plugins, which only use `@opentelemetry/api`, start recording. Until this runs (and in processes
 * that never call it) their spans are the API's non-recording ones and nothing is exported. The
 * context manager it installs lets a span started for a request be the parent of the calls made for it.
 */
export function startProcessTracing(settings: TracingSettings): ProcessTracing {
  const exporterOptions = { url: settings.tracesUrl, timeoutMillis: settings.exportTimeoutMs };
  const exporter =
    settings.protocol === 'http/json'
      ? new OtlpJsonTraceExporter(exporterOptions)
      : new OtlpProtobufTraceExporter(exporterOptions);
  const provider = new BasicTracerProvider({
    resource: resourceFromAttributes({ [ATTR_SERVICE_NAME]: settings.serviceName }),
    sampler: samplerOf(settings),
    spanProcessors: [
      new BatchSpanProcessor(exporter, {
        scheduledDelayMillis: settings.scheduleDelayMs,
        maxQueueSize: settings.maxQueueSize,
        maxExportBatchSize: Math.min(MAX_EXPORT_BATCH, settings.maxQueueSize),
        exportTimeoutMillis: settings.exportTimeoutMs,
      }),
    ],
  });
  trace.setGlobalTracerProvider(provider);
  context.setGlobalContextManager(asyncContextManager);
  return {
    async shutdown() {
      trace.disable();
      context.disable();
      await provider.shutdown();
    },
  };
}

function samplerOf(settings: TracingSettings): Sampler {
  switch (settings.sampler) {
    case 'always_on':
      return new AlwaysOnSampler();
    case 'always_off':
      return new AlwaysOffSampler();
    case 'traceidratio':
      return new TraceIdRatioBasedSampler(settings.samplerRatio);
    case 'parentbased_always_on':
      return new ParentBasedSampler({ root: new AlwaysOnSampler() });
    case 'parentbased_always_off':
      return new ParentBasedSampler({ root: new AlwaysOffSampler() });
    case 'parentbased_traceidratio':
      return new ParentBasedSampler({ root: new TraceIdRatioBasedSampler(settings.samplerRatio) });
    default: {
      const _exhaustive: never = settings.sampler;
      return _exhaustive;
    }
  }
}
