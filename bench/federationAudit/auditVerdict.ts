import { isDeepStrictEqual } from 'node:util';

/** A test as the audit serves it: `errors` true or false when it matters, absent when either is right. */
export interface AuditTest {
  readonly query: string;
  readonly expected: { readonly data?: unknown; readonly errors?: boolean };
}

export interface GraphQLAnswer {
  readonly data?: unknown;
  readonly errors?: readonly { readonly message?: unknown }[];
}

export interface Verdict {
  readonly passed: boolean;
  /** Where the answer differs from the expected one, a few lines at most. */
  readonly differences: readonly string[];
}

const SHOWN_DIFFERENCES = 3;
const SHOWN_VALUE_CHARS = 120;

/**
 * The audit's own rule (its src/test.ts): the data must equal the expected data exactly, and whether
 * there were errors must match when the test says so; error messages never count.
 */
export function judge(test: AuditTest, answer: GraphQLAnswer): Verdict {
  const differences: string[] = [];
  collectDifferences('data', test.expected.data ?? null, answer.data ?? null, differences);
  if (typeof test.expected.errors === 'boolean') {
    const hadErrors = (answer.errors?.length ?? 0) > 0;
    if (hadErrors !== test.expected.errors)
      differences.push(test.expected.errors ? 'errors: expected some, got none' : 'errors: expected none');
  }
  if (differences.length > 0 && answer.errors?.length)
    differences.push(`first error: ${shorten(String(answer.errors[0]?.message))}`);
  return { passed: differences.length === 0, differences: differences.slice(0, SHOWN_DIFFERENCES + 1) };
}

function collectDifferences(path: string, expected: unknown, received: unknown, into: string[]): void {
  if (into.length >= SHOWN_DIFFERENCES || isDeepStrictEqual(expected, received)) return;
  const bothObjects =
    typeof expected === 'object' &&
    expected !== null &&
    typeof received === 'object' &&
    received !== null &&
    Array.isArray(expected) === Array.isArray(received);
  if (!bothObjects) {
    into.push(
      `${path}: expected ${shorten(JSON.stringify(expected))}, got ${shorten(JSON.stringify(received))}`,
    );
    return;
  }
  const keys = new Set([...Object.keys(expected), ...Object.keys(received)]);
  for (const key of keys) {
    const step = Array.isArray(expected) ? `${path}[${key}]` : `${path}.${key}`;
    if (!(key in expected))
      into.push(`${step}: not expected, got ${shorten(JSON.stringify(at(received, key)))}`);
    else if (!(key in received))
      into.push(`${step}: missing, expected ${shorten(JSON.stringify(at(expected, key)))}`);
    else collectDifferences(step, at(expected, key), at(received, key), into);
    if (into.length >= SHOWN_DIFFERENCES) return;
  }
}

function at(value: object, key: string): unknown {
  return (value as Record<string, unknown>)[key];
}

function shorten(text: string | undefined): string {
  const shown = text ?? 'undefined';
  return shown.length > SHOWN_VALUE_CHARS ? `${shown.slice(0, SHOWN_VALUE_CHARS)}…` : shown;
}
