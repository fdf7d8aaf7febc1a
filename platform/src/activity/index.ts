export * from './activityRecorder.ts';
export * from './requestClient.ts';
