/** What a ledger found: latency from sending to the first arrival, and what never or more than once arrived. */
export interface DeliveryFigures {
  readonly expected: number;
  readonly p50Ms: number;
  readonly p99Ms: number;
  readonly missed: number;
  readonly duplicated: number;
}

/**
 * Who was meant to receive which item and when it was sent, beside every arrival: either may be noted
 * first (an update can reach its receiver before the sender hears its write succeeded). Times come from
 * the bench's own monotonic clock; arrivals nobody was expecting (replays, failed sends) are not counted.
 */
export class DeliveryLedger {
  private readonly sentAt = new Map<string, number>();
  private readonly arrivals = new Map<string, number[]>();

  expect(receiver: string, item: string, sentAt: number): void {
    this.sentAt.set(pairKey(receiver, item), sentAt);
  }

  arrived(receiver: string, item: string, at: number): void {
    const key = pairKey(receiver, item);
    const times = this.arrivals.get(key);
    if (times === undefined) this.arrivals.set(key, [at]);
    else times.push(at);
  }

  figures(): DeliveryFigures {
    const latencies: number[] = [];
    let missed = 0;
    let duplicated = 0;
    for (const [key, sentAt] of this.sentAt) {
      const times = this.arrivals.get(key);
      if (times === undefined) {
        missed += 1;
        continue;
      }
      if (times.length > 1) duplicated += 1;
      latencies.push(Math.min(...times) - sentAt);
    }
    latencies.sort((a, b) => a - b);
    return {
      expected: this.sentAt.size,
      p50Ms: percentile(latencies, 0.5),
      p99Ms: percentile(latencies, 0.99),
      missed,
      duplicated,
    };
  }
}

const pairKey = (receiver: string, item: string) => `${receiver}\u0000${item}`;

function percentile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return Number.NaN;
  return sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))] as number;
}
