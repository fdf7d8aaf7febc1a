export * from './projectionRunner.ts';
export * from './projectionSupervisor.ts';
