export * from './deferredRegistration.ts';
export * from './eventStoreMetrics.ts';
export * from './projectionMetrics.ts';
export * from './subscriptionDeliveryMetrics.ts';
export * from './storeMetrics.ts';
export * from './storeGauge.ts';
// Services take prom-client through the platform, so every series lands in one library's registries.
export { Counter, Histogram } from 'prom-client';
