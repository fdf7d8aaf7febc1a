/** What the bench asks of the load generator process, and what it answers. */

interface TargetRequest {
  /** A GraphQL endpoint; every request is the same POST. */
  readonly url: string;
  readonly body: string;
  readonly token: string;
  /** Any other headers: straight to a subgraph, the proof of an internal request (made fresh per job). */
  readonly headers?: Readonly<Record<string, string>>;
  /** The body a correct answer has, byte for byte; anything else counts as a failure. */
  readonly expectedBody: string;
  readonly seconds: number;
}

export type LoadJob =
  /** As fast as the target answers, on a fixed number of connections (autocannon). */
  | (TargetRequest & { readonly kind: 'closed'; readonly connections: number })
  /** One request every 1/rate seconds, however long the answers take. */
  | (TargetRequest & { readonly kind: 'paced'; readonly rate: number });

export interface LoadResult {
  /** Correct answers. */
  readonly requests: number;
  /** Correct answers per second. */
  readonly rps: number;
  readonly p50Ms: number;
  readonly p99Ms: number;
  /** Answers that were not 200 with the expected body, transport errors and timeouts. */
  readonly failures: number;
  /** The failures by what they were (../kit/failureCodes.ts). */
  readonly failuresByCode: Readonly<Record<string, number>>;
  /** The first answer of each code, shortened: what the errors said. */
  readonly failureSamples: Readonly<Record<string, string>>;
}

/** Nearest-rank percentile of latencies in milliseconds; NaN when there are none. */
export function percentile(sortedMs: readonly number[], fraction: number): number {
  if (sortedMs.length === 0) return Number.NaN;
  const rank = Math.min(sortedMs.length, Math.max(1, Math.ceil(fraction * sortedMs.length)));
  return sortedMs[rank - 1] ?? Number.NaN;
}

export function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  if (sorted.length === 0) return Number.NaN;
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1
    ? (sorted[middle] ?? Number.NaN)
    : ((sorted[middle - 1] ?? Number.NaN) + (sorted[middle] ?? Number.NaN)) / 2;
}
