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

/** `HTTP 503 SUBGRAPH_UNAVAILABLE ×12, 200 different data ×3`, or `none`. */
export function formatFailures(counts: Readonly<Record<string, number>>): string {
  const entries = Object.entries(counts).sort(([, a], [, b]) => b - a);
  return entries.length === 0 ? 'none' : entries.map(([code, count]) => `${code} ×${count}`).join(', ');
}

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
