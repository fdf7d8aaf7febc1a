import 'reflect-metadata';

export * from './config/env.ts';
export * from './logging/logger.ts';
export * from './logging/requestId.ts';
export * from './errors/domainError.ts';
export * from './errors/formatError.ts';
export * from './auth/principal.ts';
export * from './auth/tokenClaims.ts';
export * from './auth/keyRing.ts';
export * from './auth/accessTokens.ts';
export * from './process/runService.ts';
export * from './eventstore/index.ts';
export * from './documents/index.ts';
export * from './blobs/index.ts';
export * from './graphql/federatedSchema.ts';
export * from './graphql/context.ts';
export * from './graphql/guards.ts';
export * from './graphql/subgraphServer.ts';
