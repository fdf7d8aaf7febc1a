export * from './browser.ts';
export * from './client.ts';
export * from './harness.ts';
