export * from './projectionRunner.ts';
export * from './projectionSupervisor.ts';
export * from './projectionGroup.ts';
