export * from './port.ts';
export * from './openBlobStore.ts';
export { LocalBlobStore } from './local/localBlobStore.ts';
