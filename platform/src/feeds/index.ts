export * from './abortable.ts';
export * from './changeQueue.ts';
export * from './logPositions.ts';
