export * from './staffRegisterClient.ts';
