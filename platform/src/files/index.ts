export * from './publicFiles.ts';
