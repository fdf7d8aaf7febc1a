export * from './runService.ts';
