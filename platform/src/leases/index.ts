export * from './exclusiveLease.ts';
export * from './readModelLease.ts';
