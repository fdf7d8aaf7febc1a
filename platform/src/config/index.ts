export * from './env.ts';
export * from './serviceConfig.ts';
