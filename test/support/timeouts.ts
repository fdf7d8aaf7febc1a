/**
 * Time budgets of the tests, sized for a busy two-core machine (CI). Every hook and test timeout is
 * above the waits inside it, so a wait that runs out fails with its own message, not a bare time-out.
 */

/**
 * Starting the whole system: five processes one after another, about 20 CPU-seconds (30 s on an idle
 * two-core machine, over 150 s with a load average of 14 on it).
 */
export const SYSTEM_START_MS = 300_000;

/** One observable signal inside a test: a subscription payload, a metric, a log line, a projection. */
export const SIGNAL_MS = 30_000;

/**
 * The gateway's limit on one call to a subgraph, in the test system. Production's 3 s would be a timing
 * assertion on every request: on a busy machine a staff sign-in's scrypt alone can take longer.
 * resilience.e2e sets a short one of its own to see the limit work.
 */
export const SUBGRAPH_CALL_MS = 20_000;

/** One more service launched (or restarted) inside a test or hook, until it listens. */
export const LAUNCH_MS = 150_000;

/** A service restarted inside a test: launched, then (the gateway) ready. */
export const RESTART_MS = LAUNCH_MS + 30_000;

export const TIER_TIMEOUTS = {
  unit: { testTimeout: 30_000, hookTimeout: 30_000 },
  /** Storage suites: real SQLite files, child processes appending and being killed. */
  contract: { testTimeout: 120_000, hookTimeout: 60_000 },
  /** A hook starts a system and makes a few requests; a test makes requests and waits for signals. */
  e2e: { testTimeout: 4 * SIGNAL_MS, hookTimeout: SYSTEM_START_MS + 2 * SIGNAL_MS },
} as const;
