import { inspect } from 'node:util';
import { SIGNAL_MS } from './timeouts.ts';

export interface EventuallyOptions<T> {
  /** What is awaited, for the failure message: "the subscription closed". */
  readonly what: string;
  /** Accepts the attempt's value once it shows the awaited state; by default, a truthy value. */
  readonly until?: (value: T) => boolean;
  readonly timeoutMs?: number;
  readonly intervalMs?: number;
}

const NOT_YET = Symbol('not yet');

type Truthy<T> = Exclude<T, false | 0 | '' | null | undefined>;

/**
 * Retries `attempt` until its value is accepted, and returns that value: for what another process
 * does a moment later (a projection, a metric, a log line). An attempt that throws counts as "not yet".
 * At the deadline it throws, naming what never happened with the last value and error seen, even
 * when the attempt in flight hangs.
 */
export function eventually<T>(
  attempt: () => T | Promise<T>,
  options: EventuallyOptions<T> & { readonly until: (value: T) => boolean },
): Promise<T>;
export function eventually<T>(
  attempt: () => T | Promise<T>,
  options: Omit<EventuallyOptions<T>, 'until'>,
): Promise<Truthy<T>>;
export async function eventually<T>(
  attempt: () => T | Promise<T>,
  { what, until = Boolean, timeoutMs = SIGNAL_MS, intervalMs = 100 }: EventuallyOptions<T>,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let lastValue: T | typeof NOT_YET = NOT_YET;
  let lastError: unknown;
  for (;;) {
    let timer: NodeJS.Timeout | undefined;
    const outOfTime = new Promise<typeof NOT_YET>((resolve) => {
      timer = setTimeout(() => resolve(NOT_YET), Math.max(0, deadline - Date.now()));
    });
    try {
      const value = await Promise.race([Promise.resolve().then(attempt), outOfTime]);
      if (value !== NOT_YET) {
        lastValue = value;
        if (until(value)) return value;
      }
    } catch (error) {
      lastError = error;
    } finally {
      clearTimeout(timer);
    }
    if (Date.now() >= deadline) {
      const seen = [
        lastValue === NOT_YET
          ? 'no value'
          : `last value: ${inspect(lastValue, { depth: 4, breakLength: Infinity })}`,
        ...(lastError === undefined
          ? []
          : [`last error: ${lastError instanceof Error ? lastError.message : inspect(lastError)}`]),
      ];
      throw new Error(`${what}: not within ${timeoutMs} ms (${seen.join('; ')})`, { cause: lastError });
    }
    await new Promise((resolve) => setTimeout(resolve, Math.min(intervalMs, deadline - Date.now())));
  }
}
