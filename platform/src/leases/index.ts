export * from './exclusiveLease.ts';
export * from './readModelLease.ts';
export * from './readModelLeadership.ts';
