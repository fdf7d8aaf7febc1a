import { Gauge } from 'prom-client';

export interface StoreGaugeOptions {
  readonly name: string;
  readonly help: string;
  /** Asked at every scrape: a store query is cheap at Prometheus' pace and always current. */
  readonly read: () => Promise<number>;
}

/**
 * An unregistered gauge whose value is read from a store when Prometheus scrapes. A store that cannot
 * answer shows NaN (unknown) for this scrape rather than failing the whole page or showing a stale value.
 */
export function storeGauge(options: StoreGaugeOptions): Gauge {
  return new Gauge({
    name: options.name,
    help: options.help,
    registers: [],
    async collect() {
      this.set(await options.read().catch(() => Number.NaN));
    },
  });
}
