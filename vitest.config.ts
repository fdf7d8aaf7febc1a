import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: [
      'kernel/src/**/*.test.ts',
      'contracts/src/**/*.test.ts',
      'platform/src/**/*.test.ts',
      'subgraphs/*/src/**/*.test.ts',
      'gateway/src/**/*.test.ts',
      'dev/*/src/**/*.test.ts',
      'test/**/*.test.ts',
    ],
    setupFiles: ['test/support/reflectMetadata.ts'],
    testTimeout: 30_000,
    hookTimeout: 120_000,
    pool: 'forks',
  },
});
