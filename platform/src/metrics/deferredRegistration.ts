import type { Metric, Registry } from 'prom-client';

/**
 * Series made before the registry that serves them exists: stores open before the server starts,
 * so their metrics are created unregistered and handed to the server's registry by its hook.
 */
export interface MetricGroup {
  readonly series: readonly Metric[];
}

export function registerMetricGroups(registry: Registry, groups: readonly MetricGroup[]): void {
  for (const group of groups) for (const metric of group.series) registry.registerMetric(metric);
}
