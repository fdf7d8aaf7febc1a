export * from './projectionRunner.ts';
