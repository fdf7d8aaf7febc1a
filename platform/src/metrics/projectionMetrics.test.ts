import { Registry } from 'prom-client';
import { describe, expect, it } from 'vitest';
import { sample } from '../testing/prometheus.ts';
import { registerMetricGroups } from './deferredRegistration.ts';
import { createStoreMetrics } from './storeMetrics.ts';

describe('projection metrics', () => {
  it('show the lag of a projection whose store cannot answer as unknown, and still serve the rest', async () => {
    // Given one projection whose store is down and one whose store answers
    const metrics = createStoreMetrics(() => new Date('2025-03-01T10:00:00.000Z'));
    const registry = new Registry();
    registerMetricGroups(registry, [metrics]);
    metrics.projections.watch('broken', () => Promise.reject(new Error('store unavailable')));
    metrics.projections.watch('healthy', () => Promise.resolve([]));

    // When Prometheus scrapes
    const text = await registry.metrics();

    // Then
    expect(sample(text, 'projection_lag_events', { projection: 'broken' })).toBeNaN();
    expect(sample(text, 'projection_lag_seconds', { projection: 'broken' })).toBeNaN();
    expect(sample(text, 'projection_lag_events', { projection: 'healthy' })).toBe(0);
    expect(sample(text, 'projection_events_applied_total', { projection: 'broken' })).toBe(0);
  });

  it('ask the store once per scrape for both lag gauges', async () => {
    const metrics = createStoreMetrics(() => new Date('2025-03-01T10:00:00.000Z'));
    const registry = new Registry();
    registerMetricGroups(registry, [metrics]);
    let reads = 0;
    metrics.projections.watch('counted', () => {
      reads += 1;
      return Promise.resolve([]);
    });

    await registry.metrics();

    expect(reads).toBe(1);
  });
});
