import { availableParallelism } from 'node:os';
import { defineConfig, type TestProjectInlineConfiguration } from 'vitest/config';
import { TIER_TIMEOUTS } from './test/support/timeouts.ts';

/**
 * One worker per core for every tier. An e2e file starts five service processes one after another,
 * which keeps about one core busy: more e2e files at once than cores only makes each start slower.
 */
const WORKERS = Math.max(1, availableParallelism());

function tier(
  name: keyof typeof TIER_TIMEOUTS,
  order: number,
  include: string[],
): TestProjectInlineConfiguration {
  return {
    resolve: {
      alias: [
        // Node gives every service graphql's CommonJS build (graphql has no "exports" map, so its "main"),
        // and so it does to the libraries the tests load unbundled (type-graphql, Apollo); the tests'
        // own imports take the same build, or a schema built by one copy would be foreign to the other.
        { find: /^graphql$/, replacement: 'graphql/index.js' },
      ],
    },
    test: {
      name,
      include,
      pool: 'forks',
      maxWorkers: WORKERS,
      sequence: { groupOrder: order },
      setupFiles: ['test/support/reflectMetadata.ts', 'test/support/processTeardown.ts'],
      ...TIER_TIMEOUTS[name],
    },
  };
}

export default defineConfig({
  test: {
    globalSetup: ['test/support/leftoverProcesses.ts'],
    projects: [
      tier('unit', 0, [
        'kernel/src/**/*.test.ts',
        'contracts/src/**/*.test.ts',
        'platform/src/**/*.test.ts',
        'subgraphs/*/src/**/*.test.ts',
        'gateway/src/**/*.test.ts',
        'dev/*/src/**/*.test.ts',
        'scripts/**/*.test.ts',
        'bench/kit/**/*.test.ts',
        'bench/federationAudit/**/*.test.ts',
      ]),
      tier('contract', 1, [
        'test/contract/**/*.test.ts',
        'test/storage/**/*.test.ts',
        'test/startup/**/*.test.ts',
        'test/esia/**/*.test.ts',
      ]),
      tier('e2e', 2, [
        'test/e2e/**/*.e2e.test.ts',
        'test/browser/**/*.browser.test.ts',
        'test/security/**/*.security.test.ts',
      ]),
    ],
  },
});
