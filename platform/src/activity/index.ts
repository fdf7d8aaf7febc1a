export * from './activityRecorder.ts';
export * from './requestClient.ts';
export * from './activityEventTypes.ts';
