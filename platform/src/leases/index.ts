export * from './exclusiveLease.ts';
