export * from './deferredRegistration.ts';
export * from './eventStoreMetrics.ts';
export * from './projectionMetrics.ts';
export * from './subscriptionDeliveryMetrics.ts';
export * from './storeMetrics.ts';
