export * from './runService.ts';
export * from './hostInUrl.ts';
