export * from './lruMap.ts';
