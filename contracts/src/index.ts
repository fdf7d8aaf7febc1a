export * from './activity.ts';
export * from './customerLifecycle.ts';
