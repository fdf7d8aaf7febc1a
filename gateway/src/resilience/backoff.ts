export interface BackoffSettings {
  readonly baseMs: number;
  readonly maxMs: number;
}

/**
 * "Full jitter": a random delay up to an exponentially growing ceiling, so that many gateways retrying
 * one recovering subgraph spread their retries out instead of arriving together.
 * `retry` counts from 1; `random` returns a number in [0, 1).
 */
export function retryDelayMs(retry: number, settings: BackoffSettings, random: () => number): number {
  const ceiling = Math.min(settings.maxMs, settings.baseMs * 2 ** (retry - 1));
  return Math.floor(random() * ceiling);
}
