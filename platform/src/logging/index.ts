export * from './logger.ts';
export * from './requestId.ts';
