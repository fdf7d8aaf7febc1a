export * from './federatedSchema.ts';
export * from './context.ts';
export * from './guards.ts';
export * from './connection.ts';
export * from './subgraphServer.ts';
export * from './idempotencyKey.ts';
export * from './commandEnvelope.ts';
export { internalOnlyMiddleware } from './internalOnly.ts';
