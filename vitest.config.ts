import { defineConfig } from 'vitest/config';

export default defineConfig({
  logLevel: 'error',
  test: {
    include: ['test/**/*.test.ts'],
    globalSetup: ['test/setup/global-setup.ts'],
    testTimeout: 60_000,
    hookTimeout: 120_000,
    pool: 'forks',
    // Two files at a time: many tests wait on a PostgreSQL server or a dbt subprocess, so two
    // workers finish the suite in about half the time on these 2-core machines. Every server test
    // has its own database, so files never share state.
    maxWorkers: 2,
    server: { deps: { inline: ['@actions/workflow-parser'] } },
  },
});
