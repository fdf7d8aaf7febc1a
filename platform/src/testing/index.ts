export * from './principals.ts';
