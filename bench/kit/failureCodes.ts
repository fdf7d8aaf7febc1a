/**
 * Why an answer was not the expected one, as a short code the bench tallies: `HTTP 503
 * SUBGRAPH_UNAVAILABLE`, `200 RATE_LIMITED`, `200 different data`, `ECONNRESET`… so a run's failures say
 * what they were rather than only how many.
 */
export function failureCode(status: number, body: string, expectedBody: string): string | undefined {
  if (status === 200 && body === expectedBody) return undefined;
  const codes = errorCodesIn(body);
  if (status !== 200) return [`HTTP ${status}`, ...codes].join(' ');
  return codes.length > 0 ? `200 ${codes.join(' ')}` : '200 different data';
}

/** A request that got no answer: the transport's error code (ECONNRESET, ETIMEDOUT…) or its message. */
export function transportFailureCode(error: unknown): string {
  const code = (error as { code?: unknown } | null)?.code;
  if (typeof code === 'string') return code;
  return error instanceof Error ? error.message : String(error);
}

export function tally(counts: Record<string, number>, code: string): void {
  counts[code] = (counts[code] ?? 0) + 1;
}

/** Characters of a failed answer kept to show what it said. */
const SAMPLE_CHARACTERS = 300;

/** Keeps the first answer seen of each failure code. */
export function keepSample(samples: Record<string, string>, code: string, body: string): void {
  samples[code] ??= body.slice(0, SAMPLE_CHARACTERS);
}

/** `HTTP 503 SUBGRAPH_UNAVAILABLE ×12, 200 different data ×3`, or `none`. */
export function formatFailures(counts: Readonly<Record<string, number>>): string {
  const entries = Object.entries(counts).sort(([, a], [, b]) => b - a);
  return entries.length === 0 ? 'none' : entries.map(([code, count]) => `${code} ×${count}`).join(', ');
}

/** The counts of several runs added up. */
export function mergeFailures(all: readonly Readonly<Record<string, number>>[]): Record<string, number> {
  const merged: Record<string, number> = {};
  for (const counts of all)
    for (const [code, count] of Object.entries(counts)) merged[code] = (merged[code] ?? 0) + count;
  return merged;
}

/** The distinct `extensions.code`s of a GraphQL response's errors, or `no code` for errors without one. */
function errorCodesIn(body: string): string[] {
  let parsed: unknown;
  try {
    parsed = JSON.parse(body);
  } catch {
    return [];
  }
  const errors = (parsed as { errors?: unknown } | null)?.errors;
  if (!Array.isArray(errors)) return [];
  const codes = errors.map((error: { extensions?: { code?: unknown } } | null) => {
    const code = error?.extensions?.code;
    return typeof code === 'string' ? code : 'no code';
  });
  return [...new Set(codes)];
}

/** A row's failures as printed under a table: the counts, then one answer of each code. */
export function failureLines(
  label: string,
  results: readonly {
    readonly failuresByCode: Readonly<Record<string, number>>;
    readonly failureSamples: Readonly<Record<string, string>>;
  }[],
): string[] {
  const counts = mergeFailures(results.map((result) => result.failuresByCode));
  if (Object.keys(counts).length === 0) return [];
  const samples: Record<string, string> = {};
  for (const result of results)
    for (const [code, sample] of Object.entries(result.failureSamples)) keepSample(samples, code, sample);
  return [
    `  failures of ${label}: ${formatFailures(counts)}`,
    ...Object.entries(samples).map(([code, sample]) => `    ${code}: ${sample.replace(/\s+/g, ' ')}`),
  ];
}
