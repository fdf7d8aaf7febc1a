export * from './abortable.ts';
export * from './changeQueue.ts';
export * from './logPositions.ts';
export * from './keyedQueues.ts';
export * from './liveCategoryFeed.ts';
