export * from './activityRecord.ts';
export * from './activityRecorder.ts';
export * from './requestClient.ts';
