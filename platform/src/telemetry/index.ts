export * from './telemetryConfig.ts';
export * from './tracingFromEnv.ts';
export type { ProcessTracing } from './processTracing.ts';
export * from './graphqlSpans.ts';
export * from './traceContext.ts';
export * from './subgraphTracing.ts';
export * from './httpClientSpans.ts';
export * from './webSocketTracing.ts';
